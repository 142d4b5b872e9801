using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyDesk.Web.Pages;

/// <summary>Language switch: remembers the choice in a cookie and returns to the same (local) page.</summary>
public sealed class LanguageModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? c, string? r)
    {
        var culture = c switch { "fr" => "fr-BE", "en" => "en", _ => "nl-BE" };
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        // A signed-in colleague's choice is also kept on their account, for the e-mails others queue for them.
        if (PrivacyDesk.Domain.Common.Roles.Staff.Any(User.IsInRole))
            await mediator.Send(new Features.Staff.SaveStaffLanguage.Command { Language = culture[..2] });
        return LocalRedirect(Url.IsLocalUrl(r) ? Ascii(r!) : "/");
    }

    /// <summary>
    /// The return path as a header may carry it: non-ASCII and control characters percent-encoded ("/¿" → "/%C2%BF"),
    /// so a hostile r= gives a redirect, not a server error (found by wapiti, docs/security.md). Unparseable → home.
    /// </summary>
    public static string Ascii(string localUrl)
    {
        try
        {
            var uri = new Uri(new Uri("http://local.invalid"), localUrl);
            return uri.Host == "local.invalid" && uri.PathAndQuery.All(ch => ch is > ' ' and < (char)127) ? uri.PathAndQuery : "/";
        }
        catch (UriFormatException)
        {
            return "/";
        }
    }
}
