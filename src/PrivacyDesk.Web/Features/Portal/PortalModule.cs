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

    /// <summary>Staff sign-in POSTs per minute per client IP (the per-account throttle is SignInThrottle's).</summary>
    public int LoginPermitsPerMinute { get; set; } = 10;
}

/// <summary>Which limiter bucket a page belongs to.</summary>
public enum RateLimitBucket
{
    /// <summary>The public request form and the secret-link pages (PermitsPerMinute).</summary>
    Portal,

    /// <summary>Staff sign-in (LoginPermitsPerMinute).</summary>
    Login,
}

/// <summary>
/// Puts a page under the rate limiter. Read from the endpoint's metadata after routing, so every path that
/// routes to the page (trailing slash, "/.", other casing) shares one limit: the limit follows the page, not a
/// path string.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RateLimitedAttribute(RateLimitBucket bucket) : Attribute
{
    public RateLimitBucket Bucket { get; } = bucket;

    /// <summary>Only POSTs count (reading a form is free; sending it is not).</summary>
    public bool PostOnly { get; init; }
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
    /// <summary>The page's limit when the request counts against one, from the endpoint routing chose.</summary>
    public static RateLimitedAttribute? LimitFor(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>();
        if (limit is null || (limit.PostOnly && !HttpMethods.IsPost(context.Request.Method)))
            return null;
        return limit;
    }

    public static RateLimitPartition<string> Partition(HttpContext context, PortalRateLimitOptions options)
    {
        var limit = options.Enabled ? LimitFor(context) : null;
        if (limit is null)
            return RateLimitPartition.GetNoLimiter("none");
        // The client address after the forwarded-headers middleware (known proxies only).
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var permits = Math.Max(1, limit.Bucket == RateLimitBucket.Login ? options.LoginPermitsPerMinute : options.PermitsPerMinute);
        return RateLimitPartition.GetFixedWindowLimiter($"{limit.Bucket}|{ip}|{permits}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
