using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Web.Features.Portal;
using PrivacyDesk.Web.Features.SignIn;

namespace PrivacyDesk.Web.Pages.Account;

/// <summary>
/// Second sign-in step without the phone: one of the recovery codes shown when two-factor authentication was
/// turned on (each works once). Same pending sign-in and per-address limit (rate limiter) as LoginWith2fa.
/// </summary>
[RateLimited(RateLimitBucket.Login, PostOnly = true)]
public sealed class LoginWithRecoveryCode(SignInManager<StaffUser> signIn, SignInGuard guard, IStringLocalizer<LoginWithRecoveryCode> l)
    : SecondFactorPageModel(signIn, guard)
{
    [BindProperty]
    public Input Data { get; set; } = new();

    public sealed class Input
    {
        public string RecoveryCode { get; set; } = "";
    }

    public Task<IActionResult> OnPostAsync()
    {
        var code = Data.RecoveryCode.Replace(" ", "", StringComparison.Ordinal);
        return SignInWithAsync(
            _ => code.Length is > 0 and <= 40 ? SignInManager.TwoFactorRecoveryCodeSignInAsync(code) : Task.FromResult(Microsoft.AspNetCore.Identity.SignInResult.Failed),
            "Data.RecoveryCode", l["Staff.SignIn.RecoveryCodeWrong"]);
    }
}
