using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Web.Features.Portal;
using PrivacyDesk.Web.Features.SignIn;

namespace PrivacyDesk.Web.Pages.Account;

/// <summary>
/// Second sign-in step: the code of the authenticator app, for the account whose password was just accepted
/// (Identity's two-factor cookie). Wrong codes count towards the account's lockout (Identity) and are audited by
/// account id; posts count towards the per-address limit (rate limiter).
/// </summary>
[RateLimited(RateLimitBucket.Login, PostOnly = true)]
public sealed class LoginWith2fa(SignInManager<StaffUser> signIn, SignInGuard guard, IStringLocalizer<LoginWith2fa> l)
    : SecondFactorPageModel(signIn, guard)
{
    [BindProperty]
    public Input Data { get; set; } = new();

    public sealed class Input
    {
        public string Code { get; set; } = "";
    }

    public Task<IActionResult> OnPostAsync()
    {
        var code = Data.Code.Replace(" ", "", StringComparison.Ordinal);
        if (code.Length is < 6 or > 8 || !code.All(char.IsAsciiDigit))
            ModelState.AddModelError("Data.Code", l["Enter the 6-digit code the app shows."]);
        return SignInWithAsync(_ => SignInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false),
            "Data.Code", l["Staff.SignIn.CodeWrong"]);
    }
}
