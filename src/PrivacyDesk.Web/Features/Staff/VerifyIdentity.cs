using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>Link the request to candidate records and mark identity verified (ID-4); proofs are deleted (ID-6).</summary>
public static class VerifyIdentity
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public Guid CandidateId { get; init; }
        public string Why { get; init; } = "";
        public string Method { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.CandidateId).NotEmpty();
            RuleFor(c => c.Why).NotEmpty().MaximumLength(500);
            RuleFor(c => c.Method).NotEmpty().MaximumLength(100);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, DeadlineService deadlines) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            // The person's own request is handled whatever restricts their data (Art. 18(2), LH-3: a hold restricts the profile).
            if (!await db.Candidates.IgnoreQueryFilters().AnyAsync(c => c.Id == command.CandidateId, cancellationToken))
                throw new NotFoundException("Candidate");
            var now = clock.GetUtcNow();
            var today = clock.Today();
            request.LinkCandidate(command.CandidateId, command.Why.Trim(), now, user.Actor);
            request.EstablishIdentity(command.Method.Trim(), now, today, user.Actor);
            deadlines.Recompute(request, user.Actor, "identity established by the DPO, the identity wait ends (CLK-3)");
            return Unit.Value;
        }
    }
}
