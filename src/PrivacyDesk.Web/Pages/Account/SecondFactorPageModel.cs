using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.SignIn;

namespace PrivacyDesk.Web.Pages.Account;

/// <summary>
/// The second sign-in step shared by the authenticator-code and the recovery-code pages: both need the pending
/// sign-in of Identity's two-factor cookie (without it they send to Login), remember the browser on success, and
/// audit a wrong code by account id (SignInGuard) with one answer for a wrong code and a locked account.
/// </summary>
public abstract class SecondFactorPageModel(SignInManager<StaffUser> signIn, SignInGuard guard) : PageModel
{
    protected SignInManager<StaffUser> SignInManager { get; } = signIn;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await SignInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login", new { ReturnUrl }) : Page();

    /// <summary>Checks the code of the pending sign-in; <paramref name="field"/> gets <paramref name="wrongMessage"/> when it fails.</summary>
    protected async Task<IActionResult> SignInWithAsync(Func<StaffUser, Task<Microsoft.AspNetCore.Identity.SignInResult>> check, string field, string wrongMessage)
    {
        if (await SignInManager.GetTwoFactorAuthenticationUserAsync() is not { } user)
            return RedirectToPage("./Login", new { ReturnUrl });
        if (!ModelState.IsValid)
            return Page();
        var result = await check(user);
        if (result.Succeeded)
        {
            guard.RememberDevice(user.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Staff");
        }
        await guard.RecordFailedSecondFactorAsync(user.Id);
        ModelState.AddModelError(field, wrongMessage);
        return Page();
    }
}
