using PrivacyDesk.Domain.Audit;

namespace PrivacyDesk.Web.Features.Api;

public static class RevokeApiKey
{
    [RequiresRole(Roles.Admin)]
    public sealed record Command : ICommand
    {
        public Guid ApiKeyId { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, ApiKeyCache cache, AfterCommit afterCommit)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            // Dropped now and again after the commit, so no request in between re-caches the key as still valid.
            cache.Invalidate(command.ApiKeyId);
            afterCommit.Add(() => cache.Invalidate(command.ApiKeyId));
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.ApiKeyId, cancellationToken)
                ?? throw new NotFoundException("API key");
            if (key.RevokedAt is not null)
                return Unit.Value;
            var now = clock.GetUtcNow();
            key.RevokedAt = now;
            db.AuditEvents.Add(new AuditEvent(now, user.Actor, "api-key.revoked", $"API key {key.Prefix} revoked."));
            return Unit.Value;
        }
    }
}
