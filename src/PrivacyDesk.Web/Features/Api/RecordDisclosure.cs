using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Candidates;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>A CV or profile went to a client company: one line of the client ledger (Art. 15(1)(c), Art. 19).</summary>
public static class RecordDisclosure
{
    [RequiresRole(Roles.Intake, Roles.Dpo, Roles.BackOffice)]
    public sealed record Command : ICommand<Result>
    {
        /// <summary>PrivacyDesk's id of the candidate, or give <see cref="ExternalReference"/>.</summary>
        public Guid? CandidateId { get; init; }
        public string? ExternalReference { get; init; }
        public string ClientCompany { get; init; } = "";
        public string? ClientEmail { get; init; }
        public DateOnly DisclosedOn { get; init; }

        /// <summary>What was sent, e.g. "CV" or "Profile".</summary>
        public string? What { get; init; }

        /// <summary>The register purpose it served, e.g. "client-presentation".</summary>
        public string PurposeCode { get; init; } = "";
    }

    public sealed record Result(Guid Id, Guid CandidateId, string ClientCompany, DateOnly DisclosedOn, string What, string PurposeCode, bool AlreadyRecorded);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c).Must(c => c.CandidateId is not null || !string.IsNullOrWhiteSpace(c.ExternalReference))
                .OverridePropertyName("CandidateId").WithMessage("Give candidateId or externalReference.");
            RuleFor(c => c.ExternalReference).MaximumLength(100);
            RuleFor(c => c.ClientCompany).NotEmpty().MaximumLength(200).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage)
                .Must(CandidateInputRules.NoMarkup).WithMessage(CandidateInputRules.MarkupMessage);
            RuleFor(c => c.ClientEmail).MaximumLength(254).EmailAddress().Must(CandidateInputRules.SingleLine).WithMessage(CandidateInputRules.SingleLineMessage);
            RuleFor(c => c.DisclosedOn).NotEqual(default(DateOnly));
            RuleFor(c => c.What).MaximumLength(100).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage);
            RuleFor(c => c.PurposeCode).NotEmpty().MaximumLength(60);
            RuleFor(c => c.DisclosedOn).LessThanOrEqualTo(_ => Domain.Deadlines.BrusselsTime.ToBrusselsDate(clock.GetUtcNow()))
                .WithMessage("A disclosure cannot be in the future.");
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var candidate = await db.Candidates.IgnoreQueryFilters()
                .Where(c => command.CandidateId != null ? c.Id == command.CandidateId : c.ExternalReference == command.ExternalReference!.Trim())
                .Select(c => new { c.Id, c.Restricted })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Candidate");
            if (candidate.Restricted)
                throw new DomainException("candidate.restricted", "This candidate's data are restricted (Art. 18): they may not be sent to clients.", "RS-2");
            var purpose = command.PurposeCode.Trim();
            if (!await db.Purposes.AnyAsync(p => p.Code == purpose, cancellationToken))
                throw new DomainException("disclosure.unknown-purpose", "The purpose code is not in the register (import the policy pack, or use one of its purpose codes).");

            var disclosure = new ClientDisclosure
            {
                ClientCompany = command.ClientCompany.Trim(),
                ClientEmail = string.IsNullOrWhiteSpace(command.ClientEmail) ? null : command.ClientEmail.Trim(),
                DisclosedOn = command.DisclosedOn,
                What = string.IsNullOrWhiteSpace(command.What) ? "CV" : command.What.Trim(),
                PurposeCode = purpose,
                CandidateId = candidate.Id,
                CollectedOn = command.DisclosedOn,
            };
            // The same disclosure pushed twice is one ledger line.
            var same = await db.ClientDisclosures.IgnoreQueryFilters().AsNoTracking()
                .Where(d => d.CandidateId == candidate.Id && d.DisclosedOn == disclosure.DisclosedOn && d.PurposeCode == purpose)
                .ToListAsync(cancellationToken);
            var existing = same.FirstOrDefault(d => string.Equals(d.ClientCompany, disclosure.ClientCompany, StringComparison.OrdinalIgnoreCase)
                && string.Equals(d.What, disclosure.What, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
                return new Result(existing.Id, candidate.Id, existing.ClientCompany, existing.DisclosedOn, existing.What, existing.PurposeCode, true);

            db.ClientDisclosures.Add(disclosure);
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), user.Actor, "candidate.disclosed",
                $"Profile sent to a client company for purpose {purpose} (client ledger {disclosure.Id}).", candidateId: candidate.Id));
            return new Result(disclosure.Id, candidate.Id, disclosure.ClientCompany, disclosure.DisclosedOn, disclosure.What, purpose, false);
        }
    }
}
