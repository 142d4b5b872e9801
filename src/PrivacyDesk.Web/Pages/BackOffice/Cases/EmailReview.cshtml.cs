using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.Execution;

namespace PrivacyDesk.Web.Pages.BackOffice.Cases;

/// <summary>ACC-6: staff write the redacted extract of each professional e-mail; the access package waits for it.</summary>
public sealed class EmailReview(IMediator mediator) : PageModel
{
    public ReviewProfessionalEmails.View View { get; private set; } = null!;

    [BindProperty]
    public ReviewProfessionalEmails.Command Data { get; set; } = new();

    public async Task OnGetAsync(Guid id) => View = await mediator.Send(new ReviewProfessionalEmails.Query { RequestId = id });

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        View = await mediator.Send(new ReviewProfessionalEmails.Query { RequestId = id });
        await mediator.Send(Data with { RequestId = id });
        TempData["Flash"] = "Workflow.Review.Saved";
        return Redirect($"/BackOffice/Cases/Details?id={id}");
    }
}
