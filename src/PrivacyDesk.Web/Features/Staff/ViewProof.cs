using Microsoft.AspNetCore.DataProtection;
using PrivacyDesk.Domain.Audit;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>The DPO opens an uploaded identity proof (decrypted with the "IdentityProof" purpose); the viewing is audited.</summary>
public static class ViewProof
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Result?>
    {
        public Guid AttachmentId { get; init; }
    }

    public sealed record Result(string FileName, string ContentType, byte[] Content);

    public sealed class Handler(PrivacyDeskDbContext db, IDataProtectionProvider protection, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Result?>
    {
        public async Task<Result?> Handle(Command command, CancellationToken cancellationToken)
        {
            var file = await db.Attachments.AsNoTracking()
                .FirstOrDefaultAsync(a => a.Id == command.AttachmentId && a.DeletedAt == null, cancellationToken);
            if (file is null || file.EncryptedContent.Length == 0)
                return null;
            var content = protection.CreateProtector("IdentityProof").Unprotect(file.EncryptedContent);
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), user.Actor, "identity.proof-viewed", $"Identity proof {file.Id} viewed.", file.RequestId));
            return new Result(file.FileName, file.ContentType, content);
        }
    }
}
