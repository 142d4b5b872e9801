using PrivacyDesk.Web.Features.SignIn;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Pages.Admin;

/// <summary>Who signed in when (role Admin, Features/SignIn/ListSignIns.cs).</summary>
public sealed class SignIns(IMediator mediator) : StaffPageModel
{
    public IReadOnlyList<ListSignIns.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await mediator.Send(new ListSignIns.Query());
}
