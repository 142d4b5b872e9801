using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.Audit;

namespace PrivacyDesk.Web.Pages.Dpo.Audit;

/// <summary>Who did what and when: the audit trail, newest first, keyset-paged on the sequence (<see cref="SearchAuditLog"/>).</summary>
public sealed class Index(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public SearchAuditLog.Query Filter { get; set; } = new();

    public SearchAuditLog.Result Data { get; private set; } = new([], null, new Dictionary<string, PrivacyDesk.Domain.Plans.LocalizedText>());

    public async Task OnGetAsync() => Data = await mediator.Send(Filter);
}
