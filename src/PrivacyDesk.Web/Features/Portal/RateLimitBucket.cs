namespace PrivacyDesk.Web.Features.Portal;

/// <summary>Which limiter bucket a page belongs to.</summary>
public enum RateLimitBucket
{
    /// <summary>The public request form and the secret-link pages (PermitsPerMinute).</summary>
    Portal,

    /// <summary>Staff sign-in (LoginPermitsPerMinute).</summary>
    Login,
}
