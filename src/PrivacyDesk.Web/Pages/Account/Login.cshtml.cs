using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Web.Features.Portal;
using PrivacyDesk.Web.Features.SignIn;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Pages.Account;

/// <summary>
/// Staff sign-in, password step (ASP.NET Core Identity): through SignInGuard (per-account pauses, same answer for
/// unknown accounts) and the rate limiter (per address). An account with two-factor authentication goes on to
/// LoginWith2fa (or LoginWithRecoveryCode) with Identity's two-factor cookie.
/// </summary>
[RateLimited(RateLimitBucket.Login, PostOnly = true)]
public sealed class Login(SignInManager<StaffUser> signIn, SignInGuard guard, IStringLocalizer<Login> l, IConfiguration configuration) : PageModel
{
    [BindProperty]
    public Input Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>"idle" after StaffIdleTimeout ended the session: the page says so.</summary>
    [BindProperty(SupportsGet = true, Name = StaffIdleTimeout.ReasonParameter)]
    public string? SignedOut { get; set; }

    public int IdleMinutes { get; } = StaffIdleTimeout.Minutes(configuration);

    public sealed class Input
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
    }

    public void OnGet()
    {
        // Renders the form.
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Data.Email) || string.IsNullOrWhiteSpace(Data.Password))
        {
            ModelState.AddModelError("", l["Invalid sign-in attempt."]);
            return Page();
        }
        var result = await guard.PasswordSignInAsync(Data.Email.Trim(), Data.Password);
        if (result.RequiresTwoFactor)
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl });
        if (result.Succeeded)
        {
            if (await signIn.UserManager.FindByNameAsync(Data.Email.Trim()) is { } user)
                guard.RememberDevice(user.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Staff");
        }
        // One answer for a wrong password, an unknown account and a paused or locked one.
        ModelState.AddModelError("", l["SignIn.Failed"]);
        return Page();
    }
}
