using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>FEE-2: the DPO classifies a request as manifestly unfounded or excessive, with the facts relied on.</summary>
public static class ClassifyRequest
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public AbuseClassification? Classification { get; init; }
        public string Facts { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Classification).NotNull().IsInEnum().WithMessage("Choose manifestly unfounded or excessive (FEE-2).");
            RuleFor(c => c.Facts).NotEmpty().WithMessage("State the facts relied on: earlier requests with dates and scope, statements by the person (FEE-2).")
                .MaximumLength(4000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            request.Classify(command.Classification!.Value, command.Facts, clock.GetUtcNow(), user.Actor);
            return Unit.Value;
        }
    }
}
