using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// Staff:IdleTimeoutMinutes (default 30): a staff cookie not used for longer than that is refused and removed,
/// and the sign-in page the staff member lands on says why, then returns to the page asked for. The cookie's own
/// lifetime (8 h, sliding) is unchanged. The last activity is kept in the cookie's ticket and moved on at most
/// once a minute (each move re-issues the cookie). Times come from TimeProvider, so tests can move the clock.
/// </summary>
public static class StaffIdleTimeout
{
    public const string LastActivityKey = ".pd.last-activity";

    /// <summary>Added to the sign-in address after an idle sign-out: /Account/Login?ReturnUrl=…&amp;signedOut=idle.</summary>
    public const string ReasonParameter = "signedOut";

    public const string IdleReason = "idle";

    public const int DefaultMinutes = 30;

    private static readonly TimeSpan MoveStep = TimeSpan.FromMinutes(1);

    private static readonly object IdleMarker = new();

    public static int Minutes(IConfiguration configuration) => Math.Max(1, configuration.GetValue("Staff:IdleTimeoutMinutes", DefaultMinutes));

    /// <summary>Wraps the cookie's events (after Identity's security-stamp check, which runs first).</summary>
    public static void Apply(CookieAuthenticationOptions options)
    {
        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            await validate(context);
            if (context.Principal is null)
                return; // already refused (security stamp changed)
            var services = context.HttpContext.RequestServices;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var limit = TimeSpan.FromMinutes(Minutes(services.GetRequiredService<IConfiguration>()));
            var last = LastActivity(context.Properties) ?? context.Properties.IssuedUtc;
            if (last is { } seen && now - seen > limit)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                context.HttpContext.Items[IdleMarker] = true;
                return;
            }
            if (last is null || now - last >= MoveStep)
            {
                context.Properties.Items[LastActivityKey] = now.ToString("O", CultureInfo.InvariantCulture);
                context.ShouldRenew = true;
            }
        };
        // Stamped at sign-in too, from the same clock the check reads.
        var signingIn = options.Events.OnSigningIn;
        options.Events.OnSigningIn = async context =>
        {
            await signingIn(context);
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Properties.Items[LastActivityKey] = now.ToString("O", CultureInfo.InvariantCulture);
        };
        var redirect = options.Events.OnRedirectToLogin;
        options.Events.OnRedirectToLogin = context =>
        {
            if (context.HttpContext.Items.ContainsKey(IdleMarker))
                context.RedirectUri = QueryHelpers.AddQueryString(context.RedirectUri, ReasonParameter, IdleReason);
            return redirect(context);
        };
    }

    private static DateTimeOffset? LastActivity(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(LastActivityKey, out var value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
}
