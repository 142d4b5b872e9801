namespace PrivacyDesk.Domain.Operations;

/// <summary>The stored answer to a POST sent with an Idempotency-Key, replayed on a retry.</summary>
public sealed class IdempotencyRecord
{
    public string Key { get; set; } = "";
    public string Scope { get; set; } = "";

    /// <summary>SHA-256 of the first request body: the same key with another body is refused, not replayed.</summary>
    public string RequestHash { get; set; } = "";

    public int StatusCode { get; set; }
    public string ResponseBody { get; set; } = "";
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
