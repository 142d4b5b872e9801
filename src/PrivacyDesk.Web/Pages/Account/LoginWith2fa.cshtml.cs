using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Web.Features.Portal;
using PrivacyDesk.Web.Features.SignIn;

namespace PrivacyDesk.Web.Pages.Account;

/// <summary>
/// Second sign-in step: the code of the authenticator app, for the account whose password was just accepted
/// (Identity's two-factor cookie). Without that pending sign-in the page sends to Login. Wrong codes count
/// towards the account's lockout (Identity) and are audited by account id (SignInGuard); posts count towards
/// the per-address limit (rate limiter).
/// </summary>
[RateLimited(RateLimitBucket.Login, PostOnly = true)]
public sealed class LoginWith2fa(SignInManager<StaffUser> signIn, SignInGuard guard, IStringLocalizer<LoginWith2fa> l) : PageModel
{
    [BindProperty]
    public Input Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class Input
    {
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
            return RedirectToPage("./Login", new { ReturnUrl });
        var code = Data.Code.Replace(" ", "", StringComparison.Ordinal);
        if (code.Length is < 6 or > 8 || !code.All(char.IsAsciiDigit))
        {
            ModelState.AddModelError("Data.Code", l["Enter the 6-digit code the app shows."]);
            return Page();
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            guard.RememberDevice(user.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Staff");
        }
        // A wrong code and a locked account get one answer, as on the password step.
        await guard.RecordFailedSecondFactorAsync(user.Id);
        ModelState.AddModelError("Data.Code", l["Staff.SignIn.CodeWrong"]);
        return Page();
    }
}
