using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Web.Features.Portal;
using PrivacyDesk.Web.Features.SignIn;

namespace PrivacyDesk.Web.Pages.Account;

/// <summary>
/// Second sign-in step without the phone: one of the recovery codes shown when two-factor authentication was
/// turned on (each works once). Same pending sign-in and per-address limit (rate limiter) as LoginWith2fa.
/// </summary>
[RateLimited(RateLimitBucket.Login, PostOnly = true)]
public sealed class LoginWithRecoveryCode(SignInManager<StaffUser> signIn, SignInGuard guard, IStringLocalizer<LoginWithRecoveryCode> l) : PageModel
{
    [BindProperty]
    public Input Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class Input
    {
        public string RecoveryCode { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
            return RedirectToPage("./Login", new { ReturnUrl });
        var code = Data.RecoveryCode.Replace(" ", "", StringComparison.Ordinal);
        var result = code.Length is > 0 and <= 40
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (result.Succeeded)
        {
            guard.RememberDevice(user.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Staff");
        }
        await guard.RecordFailedSecondFactorAsync(user.Id);
        ModelState.AddModelError("Data.RecoveryCode", l["Staff.SignIn.RecoveryCodeWrong"]);
        return Page();
    }
}
