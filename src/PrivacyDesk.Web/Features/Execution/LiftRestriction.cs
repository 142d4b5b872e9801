using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>
/// Lifts an Art. 18 restriction (RS-4): only after a lift notice sent at least
/// RESTRICTION_LIFT_NOTICE_WORKING_DAYS working days before, or at the person's own request. Kept
/// remainders of an erasure, held data scheduled for erasure and data an active legal hold restricted (LH-3) stay restricted.
/// </summary>
public static class LiftRestriction
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Command : ICommand<int>
    {
        public Guid CandidateId { get; init; }
        public bool AtPersonsOwnRequest { get; init; }
        public string Reason { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
    }

    public sealed class Handler(PrivacyDeskDbContext db, RulesConfiguration rules, IHolidayCalendar holidays, ICurrentUser user, TimeProvider clock)
        : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var candidate = await Plans.RequestPlanner.LoadCandidateAsync(db, command.CandidateId, cancellationToken, tracking: true)
                ?? throw new NotFoundException("Candidate");
            var today = BrusselsTime.Today(clock);
            if (!command.AtPersonsOwnRequest)
            {
                var notices = await db.AuditEvents.AsNoTracking()
                    .Where(e => e.CandidateId == candidate.Id && e.Type == SendRestrictionLiftNotice.AuditType)
                    .Select(e => e.OccurredAt).ToListAsync(cancellationToken);
                var needed = rules.Clock.RestrictionLiftNoticeWorkingDays;
                if (!notices.Any(at => WorkingDays.CountWorkingDaysAfter(BrusselsTime.ToBrusselsDate(at), today, holidays) >= needed))
                    throw new DomainException("lift.no-notice",
                        $"Tell the person first: a lift notice must have been sent at least {needed} working days ago.", "RS-4");
            }

            // LH-3: what an active legal hold restricted stays restricted until the hold is lifted (LH-7).
            var holds = await db.LegalHolds.AsNoTracking().Where(h => h.CandidateId == candidate.Id && h.LiftedAt == null).Select(h => h.Id).ToListAsync(cancellationToken);
            bool Held(Guid? holdId) => holdId is { } id && holds.Contains(id);
            var lifted = 0;
            if (candidate.Restricted)
            {
                candidate.RestrictedByRequestId = null;
                if (!Held(candidate.RestrictedByHoldId))
                {
                    candidate.Restricted = false;
                    candidate.RestrictionNote = null;
                    candidate.RestrictedByHoldId = null;
                    lifted++;
                }
            }
            foreach (var set in Enum.GetValues<Domain.Processing.RecordSet>())
            {
                foreach (var record in CandidateRecordAccess.Records(candidate, set).Where(r => r.Restricted && r.ScheduledErasureOn is null))
                {
                    record.RestrictedByRequestId = null;
                    if (Held(record.RestrictedByHoldId))
                        continue;
                    record.Restricted = false;
                    record.RestrictedByHoldId = null;
                    lifted++;
                }
            }
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), user.Actor, "restriction.lifted",
                $"Restriction lifted on {lifted} record(s){(command.AtPersonsOwnRequest ? " at the person's own request" : " after notice")} (RS-4).", candidateId: candidate.Id));
            return lifted;
        }
    }
}
