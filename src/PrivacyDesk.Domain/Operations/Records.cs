using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Operations;

/// <summary>An e-mail waiting to be sent: written in the same transaction as the change it reports.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Ids.New();
    public DateTimeOffset CreatedAt { get; set; }
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string BodyText { get; set; } = "";
    public string? BodyHtml { get; set; }
    public string Template { get; set; } = "";
    public string Language { get; set; } = "nl";
    public Guid? RequestId { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
    public bool FailedPermanently { get; set; }
}

public enum SuppressionReason
{
    Erasure,
    MarketingObjection,
}

/// <summary>ER-8: keyed hashes only, no readable data, so an erased person is not silently re-imported.</summary>
public sealed class SuppressionEntry
{
    public Guid Id { get; set; } = Ids.New();
    public string? EmailHash { get; set; }
    public string? PhoneHash { get; set; }
    public string? NationalNumberHash { get; set; }
    public SuppressionReason Reason { get; set; }
    public string RequestReference { get; set; } = "";
    public DateOnly CreatedOn { get; set; }
}

public enum LedgerAction
{
    Deleted,
    Anonymised,
    Restricted,
    DeferredByHold,
    DeferredByStatute,
}

/// <summary>What was erased, when and why, as counts and record types only (product.md §4).</summary>
public sealed class ErasureLedgerEntry
{
    public Guid Id { get; set; } = Ids.New();
    public DateTimeOffset ExecutedAt { get; set; }
    public Guid CandidateId { get; set; }
    public Guid? RequestId { get; set; }
    public string? RuleCode { get; set; }
    public string RecordSet { get; set; } = "";
    public LedgerAction Action { get; set; }
    public int Count { get; set; }
    public DateOnly? DueOn { get; set; }
    public Guid? LegalHoldId { get; set; }
    public DateTimeOffset? ReappliedAt { get; set; }
}

/// <summary>An API key for another system; only its hash is stored, acting with one role.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; } = Ids.New();
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string Role { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>An identity proof uploaded by the requester: stored encrypted, deleted once identity is settled (ID-6).</summary>
public sealed class RequestAttachment
{
    public Guid Id { get; set; } = Ids.New();
    public Guid RequestId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public byte[] EncryptedContent { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}

public enum PackageKind
{
    AccessReport,
    PortabilityArchive,
}

/// <summary>A deliverable for the requester behind a time-limited, counted download link.</summary>
public sealed class RequestPackage
{
    public Guid Id { get; set; } = Ids.New();
    public Guid RequestId { get; set; }
    public PackageKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateOnly SnapshotOn { get; set; }
    public string DownloadTokenHash { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public int DownloadCount { get; set; }
    public DateTimeOffset? LastDownloadedAt { get; set; }
}

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
