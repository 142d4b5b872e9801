using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.BackOffice;
using PrivacyDesk.Web.Features.Execution;

namespace PrivacyDesk.Web.Pages.BackOffice.Cases;

/// <summary>Closing a case: every task finished and the final answer sent; the closing records who and when.</summary>
public sealed class Close(IMediator mediator) : PageModel
{
    public GetCase.Result View { get; private set; } = null!;

    [BindProperty]
    public CloseCase.Command Data { get; set; } = new();

    public async Task OnGetAsync(Guid id) => View = await mediator.Send(new GetCase.Query { RequestId = id });

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        View = await mediator.Send(new GetCase.Query { RequestId = id });
        await mediator.Send(new CloseCase.Command { RequestId = id });
        TempData["Flash"] = "Execution.Closed";
        return Redirect($"/BackOffice/Cases/Details?id={id}");
    }
}
