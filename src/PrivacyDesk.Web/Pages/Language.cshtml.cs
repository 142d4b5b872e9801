using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyDesk.Web.Pages;

/// <summary>Language switch: remembers the choice in a cookie and returns to the same (local) page.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet(string? c, string? r)
    {
        var culture = c switch { "fr" => "fr-BE", "en" => "en", _ => "nl-BE" };
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return LocalRedirect(Url.IsLocalUrl(r) ? r! : "/");
    }
}
