using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Infrastructure;
using PrivacyDesk.Web.Infrastructure.Web;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// A staff page whose view needs data: when a command fails (validation, domain rule, conflict) the
/// shared page filter re-renders the page; this reloads what the view shows first.
/// </summary>
public abstract class StaffPageModel : PageModel
{
    protected virtual Task ReloadAsync() => Task.CompletedTask;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not null && executed.ExceptionHandled && executed.Result is PageResult)
            await ReloadAsync();
    }

    /// <summary>The staff member's UI language (nl, fr or en).</summary>
    public static string UiLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
    {
        "fr" => "fr",
        "en" => "en",
        _ => "nl",
    };
}
