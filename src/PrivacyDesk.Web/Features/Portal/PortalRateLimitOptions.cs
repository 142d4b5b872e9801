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
