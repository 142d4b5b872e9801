using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.Execution;

namespace PrivacyDesk.Web.Pages.BackOffice.Cases;

/// <summary>The case page's link to the ACC-6 review while it holds the access package back.</summary>
public sealed class EmailReviewPanel(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid requestId) =>
        View(await mediator.Send(new ReviewProfessionalEmails.Query { RequestId = requestId }));
}
