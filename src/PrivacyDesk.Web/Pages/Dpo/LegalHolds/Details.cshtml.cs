using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.LegalHolds;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Pages.Dpo.LegalHolds;

/// <summary>One hold: its fields, history, the open requests it affects; review (renew) and lift (LH-4, LH-6, LH-7).</summary>
public sealed class Details(IMediator mediator, RulesConfiguration rules, TimeProvider clock) : StaffPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public GetLegalHoldDetails.Result Data { get; private set; } = null!;

    public DateOnly MaxReviewOn => clock.Today().AddMonths(rules.LegalHoldMaxReviewInterval.TotalMonths);

    public async Task OnGetAsync() => await ReloadAsync();

    protected override async Task ReloadAsync() => Data = await mediator.Send(new GetLegalHoldDetails.Query { Id = Id });

    public async Task<IActionResult> OnPostReviewAsync(ReviewLegalHold.Command command)
    {
        await mediator.Send(command);
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostLiftAsync(LiftLegalHold.Command command)
    {
        await mediator.Send(command);
        return RedirectToPage(new { id = Id });
    }
}
