using System.Globalization;
using CsvHelper;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;

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

/// <summary>A recipient; outside the EEA a transfer safeguard is required (Chapter V GDPR).</summary>
public static class SaveRecipient
{
    public static readonly IReadOnlySet<string> Eea = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
        "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    };

    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid? Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public RecipientKind Kind { get; init; }
        public string Country { get; init; } = "BE";
        public string? TransferSafeguard { get; init; }
        public string? Description { get; init; }
        public string? ContactEmail { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).NotEmpty().Matches("^[a-z0-9-]{2,60}$").WithMessage("Use 2–60 lower-case letters, digits or dashes.");
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.Country).NotEmpty().Matches("^[A-Za-z]{2}$").WithMessage("Use the two-letter country code.");
            RuleFor(c => c.TransferSafeguard).NotEmpty().When(c => !Eea.Contains(c.Country ?? ""))
                .WithMessage("A recipient outside the EEA needs a transfer safeguard (adequacy decision, SCCs…).");
            RuleFor(c => c.ContactEmail).EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.ContactEmail));
            RuleFor(c => c.Description).MaximumLength(2000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command c, CancellationToken cancellationToken)
        {
            var recipient = c.Id is { } id
                ? await db.Recipients.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Recipient")
                : null;
            if (recipient is null)
            {
                if (await db.Recipients.AnyAsync(r => r.Code == c.Code, cancellationToken))
                    throw new DomainException("register.code", "A recipient with this code already exists.");
                recipient = new Recipient { Code = c.Code };
                db.Recipients.Add(recipient);
            }
            var before = c.Id is null ? null : Register.RegisterChanges.Snapshot(recipient);
            recipient.Name = c.Name.Trim();
            recipient.Kind = c.Kind;
            recipient.Country = c.Country.Trim().ToUpperInvariant();
            recipient.TransferSafeguard = string.IsNullOrWhiteSpace(c.TransferSafeguard) ? null : c.TransferSafeguard.Trim();
            recipient.Description = string.IsNullOrWhiteSpace(c.Description) ? null : c.Description.Trim();
            recipient.ContactEmail = string.IsNullOrWhiteSpace(c.ContactEmail) ? null : c.ContactEmail.Trim();
            db.AuditEvents.Add(Register.RegisterChanges.Audited(clock.GetUtcNow(), user.Actor, "register.recipient-saved", $"Recipient {recipient.Code} saved.",
                before, Register.RegisterChanges.Snapshot(recipient)));
            return recipient.Id;
        }
    }
}

/// <summary>The Art. 30 record as CSV; cells that a spreadsheet would run as a formula are neutralised.</summary>
public static class ExportArt30
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<byte[]>
    {
        public string Language { get; init; } = "nl";
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, byte[]>
    {
        public async Task<byte[]> Handle(Query query, CancellationToken cancellationToken)
        {
            var purposes = await db.Purposes.AsNoTracking().AsSplitQuery()
                .Include(p => p.RetentionRules).Include(p => p.Recipients)
                .OrderBy(p => p.SortOrder).ThenBy(p => p.Code)
                .ToListAsync(cancellationToken);
            var profile = await db.ControllerProfiles.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            using var buffer = new MemoryStream();
            // CSV injection (OWASP): a cell starting with = + - @ tab or CR gets a leading ' so a spreadsheet shows text.
            var options = new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true };
            await using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
            {
                foreach (var header in new[] { "controller", "dpo", "purpose_code", "purpose", "description", "legal_basis", "article9_condition",
                             "data_categories", "record_sets", "recipients", "third_countries_safeguards", "retention", "source", "portable" })
                    csv.WriteField(header);
                csv.EndRecord();
                foreach (var p in purposes)
                {
                    var fields = new[]
                    {
                        profile?.LegalName ?? profile?.Name ?? "",
                        profile?.DpoEmail ?? "",
                        p.Code,
                        p.Name(query.Language),
                        p.Description(query.Language),
                        p.LegalBasis.ToString(),
                        p.Article9Condition ?? "",
                        string.Join("; ", p.DataCategories),
                        string.Join("; ", p.RecordSets),
                        string.Join("; ", p.Recipients.OrderBy(r => r.Code).Select(r => $"{r.Name} ({r.Kind}, {r.Country})")),
                        string.Join("; ", p.Recipients.Where(r => !SaveRecipient.Eea.Contains(r.Country)).Select(r => $"{r.Name}: {r.TransferSafeguard}")),
                        string.Join("; ", p.RetentionRules.OrderBy(r => r.Code).Select(r =>
                            $"{r.Code}: {r.Period} after {r.Anchor}" + (r.CapPeriod is null ? "" : $", at most {r.CapPeriod} after {r.CapAnchor}") + $" → {r.OnExpiry} ({r.Citation})")),
                        p.Source,
                        p.Portable ? "yes" : "no",
                    };
                    foreach (var field in fields)
                        csv.WriteField(field);
                    csv.EndRecord();
                }
            }
            // UTF-8 with BOM so spreadsheets read accents correctly.
            return buffer.ToArray();
        }
    }
}
