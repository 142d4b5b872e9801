namespace PrivacyDesk.Web.Features.Staff;

public static class AddInternalNote
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public string Body { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).NotEmpty().MaximumLength(8000);
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            // A note never conflicts with a decision: no version check.
            var request = await db.LoadForChangeAsync(command.RequestId, 0, cancellationToken);
            request.AddMessage(fromDataSubject: false, internalNote: true, user.Actor, command.Body, clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
