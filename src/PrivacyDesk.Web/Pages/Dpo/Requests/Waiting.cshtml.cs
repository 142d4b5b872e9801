using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Pages.Dpo.Requests;

/// <summary>
/// Waiting for the person and fees on one request (CLK-2, CLK-3, CLK-4, FEE-2, FEE-6..FEE-8): ask with the necessity
/// recorded, record an answer that came by post or phone, classify as manifestly unfounded or excessive, set a fee
/// and record its payment or refusal. Each action returns to the request page.
/// </summary>
public sealed class Waiting(IMediator mediator) : StaffPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public GetWaitingPanel.View Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        await ReloadAsync();
        return Page();
    }

    protected override async Task ReloadAsync() => Data = await mediator.Send(new GetWaitingPanel.Query { Id = Id });

    public Task<IActionResult> OnPostAskAsync(AskRequester.Command command) => Run(command);

    public Task<IActionResult> OnPostAnswerAsync(RecordAnswer.Command command) => Run(command);

    public Task<IActionResult> OnPostClassifyAsync(ClassifyRequest.Command command) => Run(command);

    public Task<IActionResult> OnPostFeeAsync(ChargeFee.Command command) => Run(command);

    public Task<IActionResult> OnPostPaymentAsync(RecordFeePayment.Command command) => Run(command);

    private async Task<IActionResult> Run(IRequest<Unit> command)
    {
        await mediator.Send(command);
        TempData["flash"] = "Saved";
        return RedirectToPage("/Dpo/Requests/Details", new { id = Id });
    }
}
