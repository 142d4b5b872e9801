using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Pages.Account;

/// <summary>Staff sign-in with lockout and optional TOTP two-factor (ASP.NET Core Identity).</summary>
public sealed class Login(SignInManager<StaffUser> signIn, IStringLocalizer<Login> l) : PageModel
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
        var result = await signIn.PasswordSignInAsync(Data.Email.Trim(), Data.Password, isPersistent: false, lockoutOnFailure: true);
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
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Staff");
        ModelState.AddModelError("", result.IsLockedOut ? l["Account locked"] : l["Invalid sign-in attempt."]);
        return Page();
    }
}
