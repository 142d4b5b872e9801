using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>Marks a back-office task done or not possible, with a note (Art. 19: impossibility needs its reason).</summary>
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
            task.Finish(command.Status, command.Note, user.Actor, now);
            request.Record(now, user.Actor, "task.finished", $"Task {task.Id} ({task.Kind}) marked {command.Status}.");
            return Unit.Value;
        }
    }
}

/// <summary>Closes a case once every task is finished and the final answer was sent; records who closed it and when.</summary>
public static class CloseCase
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken) ?? throw new NotFoundException("Request");
            var open = await db.Tasks.CountAsync(t => t.RequestId == request.Id && t.Status == WorkTaskStatus.Open, cancellationToken);
            if (open > 0)
                throw new DomainException("close.open-tasks", $"{open} task(s) are still open.");
            request.Close(clock.GetUtcNow(), user.Actor);
            return Unit.Value;
        }
    }
}
