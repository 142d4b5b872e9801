using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Infrastructure;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>Art. 18(3), RS-4: the person is told before a restriction is lifted (CLK-LIFT).</summary>
public static class SendRestrictionLiftNotice
{
    public const string AuditType = "restriction.lift-notice";

    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Command : ICommand<DateOnly>
    {
        public Guid CandidateId { get; init; }
        public string Reason { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
    }

    public sealed class Handler(PrivacyDeskDbContext db, EmailOutbox outbox, RulesConfiguration rules, IHolidayCalendar holidays, ICurrentUser user, TimeProvider clock)
        : IRequestHandler<Command, DateOnly>
    {
        public async Task<DateOnly> Handle(Command command, CancellationToken cancellationToken)
        {
            var candidate = await db.Candidates.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == command.CandidateId, cancellationToken)
                ?? throw new NotFoundException("Candidate");
            if (string.IsNullOrWhiteSpace(candidate.Email))
                throw new DomainException("lift.no-address", "The candidate has no e-mail address; send the notice by post and record it.", "RS-4");
            var now = clock.GetUtcNow();
            var liftOn = WorkingDays.AddWorkingDays(BrusselsTime.Today(clock), rules.Clock.RestrictionLiftNoticeWorkingDays, holidays);
            var profile = await db.ControllerProfiles.AsNoTracking().OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            var language = candidate.Language is "fr" or "en" ? candidate.Language : "nl";
            outbox.Queue("restriction-lift-notice", language, candidate.Email, new Dictionary<string, string>
            {
                ["Name"] = candidate.FullName,
                ["Reference"] = candidate.Id.ToString("N")[..8],
                ["LiftOn"] = PrivacyDesk.Web.Features.Portal.PortalFormat.Date(liftOn, language),
                ["Reason"] = command.Reason.Trim(),
                ["Complaint"] = EmailTemplates.ComplaintBlock(language),
                ["Controller"] = profile?.Name ?? "PrivacyDesk",
            });
            db.AuditEvents.Add(new AuditEvent(now, user.Actor, AuditType, $"Restriction lift notice sent; lift possible from {liftOn:yyyy-MM-dd} (RS-4).", candidateId: candidate.Id));
            return liftOn;
        }
    }
}

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
