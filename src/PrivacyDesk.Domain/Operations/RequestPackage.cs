using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Operations;

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
