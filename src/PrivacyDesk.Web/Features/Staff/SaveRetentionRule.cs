using CsvHelper;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>A retention rule (gdpr-rules.md §4.2): ISO periods only with years, months, days (RET-4).</summary>
public static class SaveRetentionRule
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid? Id { get; init; }
        public Guid PurposeId { get; init; }
        public string Code { get; init; } = "";
        public DataCategory DataCategory { get; init; }
        public RetentionKind Kind { get; init; }
        public RetentionAnchor Anchor { get; init; }
        public AnchorAdjust AnchorAdjust { get; init; }
        public string Period { get; init; } = "";
        public RetentionAnchor? CapAnchor { get; init; }
        public string? CapPeriod { get; init; }
        public RuleAppliesTo AppliesTo { get; init; }
        public ExpiryAction OnExpiry { get; init; }
        public string Citation { get; init; } = "";
        public string? Note { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PurposeId).NotEmpty();
            RuleFor(c => c.Code).NotEmpty().Matches("^[a-z0-9-]{2,60}$").WithMessage("Use 2–60 lower-case letters, digits or dashes.");
            RuleFor(c => c.Period).Must(p => IsoPeriod.TryParse(p, out _)).WithMessage("Must be an ISO 8601 period such as P5Y or P1Y6M.");
            RuleFor(c => c.CapPeriod).Must(p => IsoPeriod.TryParse(p, out _)).When(c => !string.IsNullOrWhiteSpace(c.CapPeriod))
                .WithMessage("Must be an ISO 8601 period such as P40Y.");
            RuleFor(c => c.CapPeriod).NotEmpty().When(c => c.CapAnchor is not null).WithMessage("A cap needs its period.");
            RuleFor(c => c.CapAnchor).NotNull().When(c => !string.IsNullOrWhiteSpace(c.CapPeriod)).WithMessage("A cap needs its anchor.");
            RuleFor(c => c.Citation).NotEmpty().MaximumLength(500);
            RuleFor(c => c.Note).MaximumLength(2000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command c, CancellationToken cancellationToken)
        {
            var basis = await db.Purposes.Where(p => p.Id == c.PurposeId).Select(p => (LegalBasis?)p.LegalBasis).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Purpose");
            var rule = c.Id is { } id
                ? await db.RetentionRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Retention rule")
                : null;
            if (rule is null)
            {
                if (await db.RetentionRules.AnyAsync(r => r.Code == c.Code, cancellationToken))
                    throw new DomainException("register.code", "A retention rule with this code already exists.");
                rule = new RetentionRule { Code = c.Code, PurposeId = c.PurposeId };
                db.RetentionRules.Add(rule);
            }
            var before = c.Id is null ? null : Register.RegisterChanges.Snapshot(rule);
            rule.DataCategory = c.DataCategory;
            rule.Kind = c.Kind;
            rule.Anchor = c.Anchor;
            rule.AnchorAdjust = c.AnchorAdjust;
            rule.Period = IsoPeriod.Parse(c.Period).ToString();
            rule.CapAnchor = string.IsNullOrWhiteSpace(c.CapPeriod) ? null : c.CapAnchor;
            rule.CapPeriod = string.IsNullOrWhiteSpace(c.CapPeriod) ? null : IsoPeriod.Parse(c.CapPeriod).ToString();
            rule.AppliesTo = c.AppliesTo;
            rule.OnExpiry = c.OnExpiry;
            rule.Citation = c.Citation.Trim();
            rule.Note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim();
            Register.RegisterChanges.EnsureStatutoryFloor(rule, basis);
            db.AuditEvents.Add(Register.RegisterChanges.Audited(clock.GetUtcNow(), user.Actor, "register.rule-saved", $"Retention rule {rule.Code} saved.",
                before, Register.RegisterChanges.Snapshot(rule)));
            return rule.Id;
        }
    }
}
