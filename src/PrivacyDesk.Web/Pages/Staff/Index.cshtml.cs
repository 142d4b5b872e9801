using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyDesk.Web.Pages.Staff;

/// <summary>Landing page after sign-in: sends each role to its workspace.</summary>
public sealed class Index : PageModel
{
    public IActionResult OnGet()
    {
        if (User.IsInRole("Dpo"))
            return Redirect("/Dpo/Queue");
        if (User.IsInRole("BackOffice"))
            return Redirect("/BackOffice/Tasks");
        return Page();
    }
}
