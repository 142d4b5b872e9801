using System.Threading.RateLimiting;

namespace PrivacyDesk.Web.Features.Portal;

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
