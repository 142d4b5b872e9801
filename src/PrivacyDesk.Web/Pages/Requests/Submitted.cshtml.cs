using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.Portal;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// The confirmation after the form (PRG). The URL carries only the form's own random submission key,
/// no personal data; the page shows the reference, the due date and what happens next, for a day.
/// </summary>
public sealed class Submitted(IMediator mediator) : PageModel
{
    public GetSubmission.Result? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(GetSubmission.Query query)
    {
        Data = await mediator.Send(query);
        if (Data is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
