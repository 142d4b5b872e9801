using Microsoft.AspNetCore.DataProtection;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// ID-6: a copy of an identity document is stored encrypted with ASP.NET Core Data Protection (purpose
/// "IdentityProof"), outside the candidate file, and deleted once identity is settled (IdentityProofs).
/// </summary>
public sealed class IdentityProofStore(PrivacyDeskDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Purpose = "IdentityProof";

    private IDataProtector Protector => protection.CreateProtector(Purpose);

    public RequestAttachment Add(Guid requestId, string safeFileName, string contentType, byte[] content)
    {
        var attachment = new RequestAttachment
        {
            RequestId = requestId,
            FileName = safeFileName,
            ContentType = contentType,
            Size = content.Length,
            EncryptedContent = Protector.Protect(content),
            UploadedAt = clock.GetUtcNow(),
        };
        db.Attachments.Add(attachment);
        return attachment;
    }

    /// <summary>For the DPO's identity check: the plain bytes, or null once deleted.</summary>
    public byte[]? Read(RequestAttachment attachment) =>
        attachment.DeletedAt is not null || attachment.EncryptedContent.Length == 0 ? null : Protector.Unprotect(attachment.EncryptedContent);
}
