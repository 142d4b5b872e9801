using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Domain.Audit;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// The staff area: the mail staff decisions send, and staff sessions: the Dpo and Admin roles must use
/// two-factor authentication (Staff:RequireTwoFactor, on unless a deployment turns it off) — until they
/// enrol, every staff page sends them to the enrolment page; every sign-in is recorded in the audit trail
/// for the Admin's sign-in list; an idle session ends after Staff:IdleTimeoutMinutes (StaffIdleTimeout).
/// </summary>
public static class StaffRegistration
{
    public const string SignedInEvent = "staff.signed-in";

    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddScoped<StaffMail>();
        services.Configure<MvcOptions>(o => o.Filters.Add<TwoFactorRequirementFilter>());
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            StaffIdleTimeout.Apply(o);
            var previous = o.Events.OnSignedIn;
            o.Events.OnSignedIn = async context =>
            {
                await previous(context);
                var db = context.HttpContext.RequestServices.GetRequiredService<PrivacyDeskDbContext>();
                var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                var who = context.Principal?.Identity?.Name ?? "unknown";
                var how = context.Principal?.HasClaim("amr", "mfa") == true ? "with two-factor authentication" : "with a password";
                db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), who, SignedInEvent, $"Signed in {how}."));
                // A language chosen before signing in is kept on the account too: e-mails to this colleague use it.
                if (context.HttpContext.Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName)
                    && await db.Users.FirstOrDefaultAsync(u => u.UserName == who, context.HttpContext.RequestAborted) is { } staff)
                    SaveStaffLanguage.Apply(db, staff, StaffPageModel.UiLanguage, clock.GetUtcNow());
                await db.SaveChangesAsync(context.HttpContext.RequestAborted);
            };
        });
        return services;
    }
}
