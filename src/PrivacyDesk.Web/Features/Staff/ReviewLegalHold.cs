using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>LH-6: each renewal records a new reason and review date.</summary>
public static class ReviewLegalHold
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid HoldId { get; init; }
        public DateOnly? NextReviewOn { get; init; }
        public string Reason { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.HoldId).NotEmpty();
            RuleFor(c => c.NextReviewOn).NotNull();
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Each renewal records a reason (LH-6).").MaximumLength(2000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, RulesConfiguration rules) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var hold = await db.LegalHolds.FirstOrDefaultAsync(h => h.Id == command.HoldId, cancellationToken) ?? throw new NotFoundException("Legal hold");
            hold.Review(command.NextReviewOn!.Value, command.Reason, clock.Today(), rules.LegalHoldMaxReviewInterval.TotalMonths);
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), user.Actor, "hold.reviewed",
                $"Legal hold reviewed; next review {hold.ReviewOn:yyyy-MM-dd}.", candidateId: hold.CandidateId, legalHoldId: hold.Id,
                data: System.Text.Json.JsonSerializer.Serialize(new { reason = command.Reason.Trim() })));
            return Unit.Value;
        }
    }
}
