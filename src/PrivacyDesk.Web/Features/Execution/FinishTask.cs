using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>
/// Marks a back-office task done or not possible, with a note (Art. 19: impossibility needs its reason);
/// the last one completes the carried-out request (ER-10).
/// </summary>
public static class FinishTask
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid TaskId { get; init; }
        public WorkTaskStatus Status { get; init; } = WorkTaskStatus.Done;
        public string? Note { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Status).NotEqual(WorkTaskStatus.Open).WithMessage("Choose done or not possible.");
            RuleFor(c => c.Note).MaximumLength(2000);
            RuleFor(c => c.Note).NotEmpty().When(c => c.Status == WorkTaskStatus.NotPossible).WithMessage("Say why the task is not possible.");
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == command.TaskId, cancellationToken) ?? throw new NotFoundException("Task");
            var request = await db.Requests.FirstAsync(r => r.Id == task.RequestId, cancellationToken);
            var now = clock.GetUtcNow();
            // ACC-6: the review is finished by recording the extracts, never by a tick.
            if (task.Kind == WorkTaskKind.ReviewProfessionalEmails)
                throw new DomainException("task.review", "Record the extract of each e-mail on the review page; that finishes this task.", "ACC-6");
            task.Finish(command.Status, command.Note, user.Actor, now);
            request.Record(now, user.Actor, "task.finished", $"Task {task.Id} ({task.Kind}) marked {command.Status}.");
            // ER-10: the last back-office task of a carried-out request completes it; the final answer follows.
            if (request.Status == RequestStatus.InExecution && !ExecutePlan.Pending(request).Any())
            {
                var all = await CaseTasks.LoadAsync(db, request.Id, cancellationToken);
                if (all.Any(t => t.Kind == WorkTaskKind.SendFinalAnswer) && CaseTasks.OpenWork(all) == 0)
                    request.Complete(now, user.Actor, all);
            }
            return Unit.Value;
        }
    }
}
