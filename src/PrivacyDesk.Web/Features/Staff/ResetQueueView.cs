using PrivacyDesk.Domain.Audit;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>Forgets the signed-in staff member's default queue view: the queue opens on every open request again.</summary>
public static class ResetQueueView
{
    public const string ResetEvent = "staff.queue-view-reset";

    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>;

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = await db.Users.Where(u => u.UserName == user.Actor).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Staff account");
            var view = await db.Set<SavedQueueView>().FirstOrDefaultAsync(v => v.UserId == userId, cancellationToken);
            if (view is null)
                return Unit.Value; // nothing saved: nothing to forget, nothing to audit
            db.Set<SavedQueueView>().Remove(view);
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), user.Actor, ResetEvent, $"Default queue view of staff account {userId} reset."));
            return Unit.Value;
        }
    }
}
