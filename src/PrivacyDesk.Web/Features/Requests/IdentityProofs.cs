using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>
/// ID-6 / RET-12: copies of identity documents are deleted as soon as identity is settled; only the note
/// "identity checked on DATE, method M, by ROLE" (written by EstablishIdentity) remains.
/// </summary>
public static class IdentityProofs
{
    public static Task<int> DeleteForRequestAsync(PrivacyDeskDbContext db, Guid requestId, DateTimeOffset now, CancellationToken ct) =>
        db.Attachments
            .Where(a => a.RequestId == requestId && a.DeletedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.EncryptedContent, Array.Empty<byte>())
                .SetProperty(a => a.DeletedAt, now), ct);
}
