using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>RateLimiting section: on by default; the tests switch it off (RateLimiting:Enabled=false).</summary>
public sealed class PortalRateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per minute per client IP on the public form POST, verify, find, status and download pages.</summary>
    public int PermitsPerMinute { get; set; } = 20;
}

/// <summary>
/// The candidate portal: the framework's rate limiter on the public pages that take a secret or create
/// a request (product.md §7 "rate limits on public forms"), partitioned by client IP, plus the helpers
/// the portal pages share.
/// </summary>
public sealed class PortalModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<PortalRateLimitOptions>(configuration.GetSection("RateLimiting"));
        services.AddScoped<IdentityProofStore>();
        services.AddScoped<PortalMail>();
        services.AddScoped<IdentityMatcher>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Read per request, so configuration applied after start-up (tests, reloads) is honoured.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                PortalRateLimiting.Partition(ctx, ctx.RequestServices.GetRequiredService<IOptionsMonitor<PortalRateLimitOptions>>().CurrentValue));
        });
    }

    public void UseMiddleware(IApplicationBuilder app) => app.UseRateLimiter();
}

/// <summary>The rate-limit policy itself, testable without a server.</summary>
public static class PortalRateLimiting
{
    private static readonly string[] AnyMethodPaths = ["/Requests/Verify", "/Requests/Find", "/Requests/Status", "/Requests/Download"];

    /// <summary>True for the requests the policy limits: the form POST and every call of the secret-link pages.</summary>
    public static bool IsLimited(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (path.Equals("/Requests/New", StringComparison.OrdinalIgnoreCase))
            return HttpMethods.IsPost(request.Method);
        return AnyMethodPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase));
    }

    public static RateLimitPartition<string> Partition(HttpContext context, PortalRateLimitOptions options)
    {
        if (!options.Enabled || !IsLimited(context.Request))
            return RateLimitPartition.GetNoLimiter("none");
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var permits = Math.Max(1, options.PermitsPerMinute);
        return RateLimitPartition.GetFixedWindowLimiter($"{ip}|{permits}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
