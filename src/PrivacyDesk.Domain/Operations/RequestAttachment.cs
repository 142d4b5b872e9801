using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Operations;

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
