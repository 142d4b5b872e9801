using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Execution;

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
