using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Pages.Dpo.Dashboard;

/// <summary>Open requests by status and type, due this week, overdue, extended share (EXT-6), median days to close, volume per month, overdue hold reviews (Features/Staff/LoadDashboard.cs).</summary>
public sealed class Index(IMediator mediator) : PageModel
{
    public LoadDashboard.Result Data { get; private set; } = null!;

    public async Task OnGetAsync() => Data = await mediator.Send(new LoadDashboard.Query());
}
