using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyDesk.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
        // The home page is static text plus the controller profile rendered by the layout.
    }
}
