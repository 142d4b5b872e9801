using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.Plans;

namespace PrivacyDesk.Web.Pages.Dpo.Requests;

/// <summary>The case page's balancing panel (OB-2, ER-2): what the DPO recorded per purpose, and a link to record it.</summary>
public sealed class BalancingPanel(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid requestId) =>
        View(await mediator.Send(new GetBalancings.Query { RequestId = requestId }));
}
