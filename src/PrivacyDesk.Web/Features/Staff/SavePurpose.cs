using CsvHelper;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>Create or change a purpose of the Art. 30 register (matched by code).</summary>
public static class SavePurpose
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid? Id { get; init; }
        public string Code { get; init; } = "";
        public string NameNl { get; init; } = "";
        public string NameFr { get; init; } = "";
        public string NameEn { get; init; } = "";
        public string DescriptionNl { get; init; } = "";
        public string DescriptionFr { get; init; } = "";
        public string DescriptionEn { get; init; } = "";
        public LegalBasis LegalBasis { get; init; }
        public string? Article9Condition { get; init; }
        public List<DataCategory> DataCategories { get; init; } = [];
        public List<RecordSet> RecordSets { get; init; } = [];
        public List<DataSubjectCategory> DataSubjects { get; init; } = [];
        public string? SecurityMeasures { get; init; }
        public List<string> RecipientCodes { get; init; } = [];
        public string Source { get; init; } = "";
        public bool Portable { get; init; }
        public bool IsMarketing { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).NotEmpty().Matches("^[a-z0-9-]{2,60}$").WithMessage("Use 2–60 lower-case letters, digits or dashes.");
            RuleFor(c => c.NameNl).NotEmpty().MaximumLength(200);
            RuleFor(c => c.NameFr).NotEmpty().MaximumLength(200);
            RuleFor(c => c.NameEn).NotEmpty().MaximumLength(200);
            RuleFor(c => c.DescriptionNl).NotEmpty().MaximumLength(2000);
            RuleFor(c => c.DescriptionFr).NotEmpty().MaximumLength(2000);
            RuleFor(c => c.DescriptionEn).NotEmpty().MaximumLength(2000);
            RuleFor(c => c.LegalBasis).IsInEnum();
            RuleFor(c => c.RecordSets).NotEmpty().WithMessage("A purpose processes at least one record set.");
            RuleFor(c => c.Portable).Equal(false).When(c => c.LegalBasis is not (LegalBasis.Consent or LegalBasis.Contract))
                .WithMessage("Only data processed on consent or contract are portable (Art. 20(1)).");
            RuleFor(c => c.Source).MaximumLength(500);
            RuleFor(c => c.DataSubjects).NotEmpty().WithMessage("Name at least one category of data subjects (Art. 30(1)(c)).");
            RuleForEach(c => c.DataSubjects).IsInEnum();
            RuleFor(c => c.SecurityMeasures).MaximumLength(4000);
            RuleFor(c => c.Article9Condition).MaximumLength(200);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command c, CancellationToken cancellationToken)
        {
            var purpose = c.Id is { } id
                ? await db.Purposes.Include(p => p.Recipients).FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Purpose")
                : null;
            if (purpose is null)
            {
                if (await db.Purposes.AnyAsync(p => p.Code == c.Code, cancellationToken))
                    throw new DomainException("register.code", "A purpose with this code already exists.");
                purpose = new ProcessingPurpose { Code = c.Code, SortOrder = await db.Purposes.CountAsync(cancellationToken) + 1 };
                db.Purposes.Add(purpose);
            }
            var before = c.Id is null ? null : Register.RegisterChanges.Snapshot(purpose);
            purpose.NameNl = c.NameNl.Trim();
            purpose.NameFr = c.NameFr.Trim();
            purpose.NameEn = c.NameEn.Trim();
            purpose.DescriptionNl = c.DescriptionNl.Trim();
            purpose.DescriptionFr = c.DescriptionFr.Trim();
            purpose.DescriptionEn = c.DescriptionEn.Trim();
            purpose.LegalBasis = c.LegalBasis;
            purpose.Article9Condition = string.IsNullOrWhiteSpace(c.Article9Condition) ? null : c.Article9Condition.Trim();
            purpose.DataCategories = c.DataCategories.Distinct().ToList();
            purpose.RecordSets = c.RecordSets.Distinct().ToList();
            purpose.DataSubjects = c.DataSubjects.Distinct().Order().ToList();
            purpose.SecurityMeasures = string.IsNullOrWhiteSpace(c.SecurityMeasures) ? null : c.SecurityMeasures.Trim();
            purpose.Source = c.Source.Trim();
            purpose.Portable = c.Portable;
            purpose.IsMarketing = c.IsMarketing;
            var recipients = await db.Recipients.Where(r => c.RecipientCodes.Contains(r.Code)).ToListAsync(cancellationToken);
            purpose.Recipients.Clear();
            purpose.Recipients.AddRange(recipients);
            // §4.5: a new basis must not take the statutory floor away from the purpose's rules either.
            foreach (var rule in await db.RetentionRules.Where(r => r.PurposeId == purpose.Id).ToListAsync(cancellationToken))
                Register.RegisterChanges.EnsureStatutoryFloor(rule, purpose.LegalBasis);
            db.AuditEvents.Add(Register.RegisterChanges.Audited(clock.GetUtcNow(), user.Actor, "register.purpose-saved", $"Purpose {purpose.Code} saved.",
                before, Register.RegisterChanges.Snapshot(purpose)));
            return purpose.Id;
        }
    }
}
