using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Portal;
using PrivacyDesk.Web.Features.SignIn;

namespace PrivacyDesk.Web.Pages.Account;

/// <summary>
/// Staff sign-in with optional TOTP two-factor (ASP.NET Core Identity); the password step goes through SignInGuard
/// (per-account pauses, same answer for unknown accounts) and the rate limiter (per address).
/// </summary>
[RateLimited(RateLimitBucket.Login, PostOnly = true)]
public sealed class Login(SignInManager<StaffUser> signIn, SignInGuard guard, IStringLocalizer<Login> l) : PageModel
{
    [BindProperty]
    public Input Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool RequiresCode { get; private set; }

    public sealed class Input
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
        public string? Code { get; set; }
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
        {
            if (string.IsNullOrWhiteSpace(Data.Code))
            {
                RequiresCode = true;
                return Page();
            }
            var code = Data.Code.Replace(" ", "", StringComparison.Ordinal);
            // A 6-digit TOTP code, or one of the recovery codes shown when two-factor was turned on.
            result = code.Length > 8
                ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
                : await signIn.TwoFactorAuthenticatorSignInAsync(code, false, false);
            if (!result.Succeeded && !result.IsLockedOut)
                RequiresCode = true;
        }
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
