using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>LH-2, LH-4, LH-5: only the DPO places a hold; the narrowest scope; all purposes need a justification.</summary>
public static class PlaceLegalHold
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid CandidateId { get; init; }
        public bool AllPurposes { get; init; }
        public List<string> PurposeCodes { get; init; } = [];
        public LegalHoldReason Reason { get; init; }
        public string ExternalReference { get; init; } = "";
        public string Description { get; init; } = "";
        public string? Justification { get; init; }
        public string EndCondition { get; init; } = "";
        public DateOnly? ReviewOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CandidateId).NotEmpty().WithMessage("Choose the candidate.");
            RuleFor(c => c.Reason).IsInEnum();
            RuleFor(c => c.PurposeCodes).NotEmpty().When(c => !c.AllPurposes).WithMessage("Choose the purposes the hold covers, or all purposes (LH-2).");
            RuleFor(c => c.Justification).NotEmpty().When(c => c.AllPurposes).WithMessage("An all-purposes hold requires a written justification (LH-2).");
            RuleFor(c => c.ExternalReference).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Description).NotEmpty().MaximumLength(2000);
            RuleFor(c => c.EndCondition).NotEmpty().MaximumLength(1000);
            RuleFor(c => c.Justification).MaximumLength(2000);
            RuleFor(c => c.ReviewOn).NotNull();
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, RulesConfiguration rules) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            // A person already restricted (Art. 18) can need a hold too: the hold reads past the restriction filter.
            var candidate = await Plans.RequestPlanner.LoadCandidateAsync(db, command.CandidateId, cancellationToken, tracking: true)
                ?? throw new NotFoundException("Candidate");
            var purposes = await db.Purposes.AsNoTracking().ToListAsync(cancellationToken);
            if (command.PurposeCodes.Any(c => !purposes.Any(p => p.Code == c)))
                throw new DomainException("hold.purpose", "A hold names purposes from the register.", "LH-2");
            var now = clock.GetUtcNow();
            var hold = LegalHold.Place(command.CandidateId, command.AllPurposes, command.PurposeCodes, command.Reason,
                command.ExternalReference, command.Description, command.Justification, command.EndCondition,
                command.ReviewOn!.Value, user.Actor, now, clock.Today(), rules.LegalHoldMaxReviewInterval.TotalMonths);
            db.LegalHolds.Add(hold);
            await db.SaveChangesAsync(cancellationToken); // inside the command's transaction: the hold gets its number (reference)
            // LH-3: the held data are restricted at once, in the same transaction as the hold.
            var restricted = LegalHoldRestriction.Apply(hold, candidate, purposes);
            var scope = hold.AllPurposes ? "all purposes" : string.Join(", ", hold.PurposeCodes);
            db.AuditEvents.Add(new AuditEvent(now, user.Actor, "hold.placed",
                $"Legal hold placed ({hold.Reason}; scope: {scope}; review by {hold.ReviewOn:yyyy-MM-dd}); {restricted} record(s) restricted (LH-3).",
                candidateId: hold.CandidateId, legalHoldId: hold.Id));
            return hold.Id;
        }
    }
}
