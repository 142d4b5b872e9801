using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// The candidate portal: the framework's rate limiter on the public pages that take a secret or create
/// a request (product.md §7 "rate limits on public forms"), partitioned by client IP, plus the helpers
/// the portal pages share.
/// </summary>
public static class PortalRegistration
{
    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
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
        return services;
    }

    /// <summary>Placed after routing, authentication and authorization: the limit is read from the endpoint routing chose.</summary>
    public static IApplicationBuilder UsePortal(this IApplicationBuilder app) => app.UseRateLimiter();
}
