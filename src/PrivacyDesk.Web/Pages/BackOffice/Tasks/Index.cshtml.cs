using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.BackOffice;

namespace PrivacyDesk.Web.Pages.BackOffice.Tasks;

/// <summary>The back-office work list: approved requests and their open tasks; mail that could not be delivered.</summary>
public sealed class Index(IMediator mediator) : PageModel
{
    public GetBackOfficeWork.Result Data { get; private set; } = new([], []);

    [TempData]
    public string? Flash { get; set; }

    public async Task OnGetAsync() => Data = await mediator.Send(new GetBackOfficeWork.Query());

    public async Task<IActionResult> OnPostRetryAsync(Guid messageId)
    {
        await mediator.Send(new RetryMessage.Command { MessageId = messageId });
        Flash = "Execution.Retry.Done";
        return RedirectToPage();
    }
}
