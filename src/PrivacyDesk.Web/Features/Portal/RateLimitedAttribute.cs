namespace PrivacyDesk.Web.Features.Portal;

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
