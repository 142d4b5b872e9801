using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Infrastructure;

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
