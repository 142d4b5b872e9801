using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyDesk.Web.Pages.Account;

public sealed class AccessDenied : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
