namespace PrivacyDesk.Web.Features.BackOffice;

/// <summary>Puts a permanently failed message back in the queue (the dispatcher sends it on its next run).</summary>
public static class RetryMessage
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid MessageId { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == command.MessageId, cancellationToken) ?? throw new NotFoundException("Message");
            if (message.SentAt is not null)
                throw new DomainException("outbox.sent", "This message has already been sent.");
            message.FailedPermanently = false;
            message.Attempts = 0;
            message.NextAttemptAt = clock.GetUtcNow();
            return Unit.Value;
        }
    }
}
