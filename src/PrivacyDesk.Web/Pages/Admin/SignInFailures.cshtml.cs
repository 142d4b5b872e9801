using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.SignIn;

namespace PrivacyDesk.Web.Pages.Admin;

/// <summary>Failed staff sign-ins and paused accounts (role Admin, through the /Admin folder convention).</summary>
public sealed class SignInFailures(IMediator mediator) : PageModel
{
    public SignInActivity.Result Data { get; private set; } = new([], [], 0);

    public async Task OnGetAsync() => Data = await mediator.Send(new SignInActivity.Query());
}
