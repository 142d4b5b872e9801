using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>Sends a Dpo or Admin without two-factor authentication to the enrolment page (the only staff page open to them).</summary>
public sealed class TwoFactorRequirementFilter(IConfiguration configuration, UserManager<StaffUser> users) : IAsyncPageFilter
{
    public const string EnrolmentPage = "/Staff/TwoFactor";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        var page = context.ActionDescriptor.ViewEnginePath;
        var applies = configuration.GetValue("Staff:RequireTwoFactor", true)
            && user.Identity?.IsAuthenticated == true
            && (user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin))
            && (page.StartsWith("/Dpo/", StringComparison.Ordinal) || page.StartsWith("/Admin/", StringComparison.Ordinal)
                || page.StartsWith("/BackOffice/", StringComparison.Ordinal) || page.StartsWith("/Staff/", StringComparison.Ordinal))
            && page != EnrolmentPage;
        if (applies && await users.GetUserAsync(user) is { TwoFactorEnabled: false })
        {
            context.Result = new RedirectResult(EnrolmentPage + "?required=1");
            return;
        }
        await next();
    }
}
