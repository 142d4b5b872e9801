using PrivacyDesk.Domain.Audit;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// Saves the queue's current filters and sort as the signed-in staff member's default view (one per account,
/// replaced on each save). Audited by account id only: the filter values are not copied into the trail.
/// </summary>
public static class SaveQueueView
{
    public const string SavedEvent = "staff.queue-view-saved";

    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public RequestType? Type { get; init; }
        public RequestStatus? Status { get; init; }
        public Channel? Channel { get; init; }
        public string? Assignee { get; init; }
        public SearchQueue.DueWindow? Window { get; init; }
        public SearchQueue.QueueFlag? Flag { get; init; }
        public DateOnly? DueFrom { get; init; }
        public DateOnly? DueTo { get; init; }
        public SearchQueue.SortColumn Sort { get; init; }
        public bool Descending { get; init; }

        public static Command From(SearchQueue.Query q) => new()
        {
            Type = q.Type, Status = q.Status, Channel = q.Channel, Assignee = string.IsNullOrWhiteSpace(q.Assignee) ? null : q.Assignee.Trim(),
            Window = q.Window, Flag = q.Flag, DueFrom = q.DueFrom, DueTo = q.DueTo, Sort = q.Sort, Descending = q.Descending,
        };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PrivacyDeskDbContext db)
        {
            RuleFor(c => c.Type).IsInEnum().WithMessage("Staff.Queue.View.Invalid");
            RuleFor(c => c.Status).IsInEnum().WithMessage("Staff.Queue.View.Invalid");
            RuleFor(c => c.Channel).IsInEnum().WithMessage("Staff.Queue.View.Invalid");
            RuleFor(c => c.Window).IsInEnum().WithMessage("Staff.Queue.View.Invalid");
            RuleFor(c => c.Flag).IsInEnum().WithMessage("Staff.Queue.View.Invalid");
            RuleFor(c => c.Sort).IsInEnum().WithMessage("Staff.Queue.View.Invalid");
            RuleFor(c => c.DueTo).GreaterThanOrEqualTo(c => c.DueFrom).When(c => c.DueFrom is not null && c.DueTo is not null)
                .WithMessage("Staff.Queue.View.DueRange");
            // "-" is the queue's "unassigned" choice; any other value must be a colleague with the DPO role.
            RuleFor(c => c.Assignee).MaximumLength(256).MustAsync(async (assignee, ct) => assignee is null or "-"
                    || await db.Users.AnyAsync(u => u.UserName == assignee
                        && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Dpo)), ct))
                .WithMessage("Staff.Queue.View.UnknownAssignee");
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = await db.Users.Where(u => u.UserName == user.Actor).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Staff account");
            var now = clock.GetUtcNow();
            var view = await db.Set<SavedQueueView>().FirstOrDefaultAsync(v => v.UserId == userId, cancellationToken);
            if (view is null)
            {
                view = new SavedQueueView { UserId = userId };
                db.Set<SavedQueueView>().Add(view);
            }
            view.Type = command.Type;
            view.Status = command.Status;
            view.Channel = command.Channel;
            view.Assignee = command.Assignee;
            view.DueWindow = command.Window;
            view.Flag = command.Flag;
            view.DueFrom = command.DueFrom;
            view.DueTo = command.DueTo;
            view.Sort = command.Sort;
            view.Descending = command.Descending;
            view.SavedAt = now;
            db.AuditEvents.Add(new AuditEvent(now, user.Actor, SavedEvent, $"Default queue view of staff account {userId} saved."));
            return Unit.Value;
        }
    }
}
