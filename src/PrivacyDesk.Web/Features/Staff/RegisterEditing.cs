using System.Globalization;
using CsvHelper;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Localization;
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

/// <summary>How the Art. 30 record is written out.</summary>
public enum Art30Format
{
    /// <summary>RFC 4180: comma-separated, ISO dates, machine-readable column names.</summary>
    Csv,

    /// <summary>For Excel with Belgian regional settings: semicolon-separated, dates dd/mm/yyyy, column titles in the staff member's language.</summary>
    ExcelBelgium,
}

/// <summary>
/// The Art. 30 record: one row per purpose with every item of Art. 30(1) GDPR — controller and DPO with their
/// contact details (a), purpose (b), categories of data subjects and of personal data (c), categories of recipients
/// (d), transfers to third countries with their safeguards (e), retention periods (f) and a general description
/// of the security measures (g). Values are labels in the export's language, never enum names. Both variants start
/// with a UTF-8 byte order mark, and a cell a spreadsheet would run as a formula is neutralised (OWASP CSV injection):
/// these files are opened by people.
/// </summary>
public static class ExportArt30
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "controller", "dpo", "purpose_code", "purpose", "description", "legal_basis", "article9_condition", "data_subjects",
        "data_categories", "record_sets", "recipients", "third_countries_safeguards", "retention", "security_measures", "source",
        "portable", "register_date",
    ];

    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<byte[]>
    {
        public string Language { get; init; } = "nl";
        public Art30Format Format { get; init; } = Art30Format.Csv;
    }

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock, IStringLocalizerFactory localizers) : IRequestHandler<Query, byte[]>
    {
        public async Task<byte[]> Handle(Query query, CancellationToken cancellationToken)
        {
            var purposes = await db.Purposes.AsNoTracking().AsSplitQuery()
                .Include(p => p.RetentionRules).Include(p => p.Recipients)
                .OrderBy(p => p.SortOrder).ThenBy(p => p.Code)
                .ToListAsync(cancellationToken);
            var profile = await db.ControllerProfiles.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            var previous = CultureInfo.CurrentUICulture;
            var previousFormat = CultureInfo.CurrentCulture;
            var culture = CultureInfo.GetCultureInfo(query.Language switch { "fr" => "fr-BE", "en" => "en-GB", _ => "nl-BE" });
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
            try
            {
                return Write(query, purposes, profile, localizers.Create(typeof(ExportArt30)));
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
                CultureInfo.CurrentCulture = previousFormat;
            }
        }

        private byte[] Write(Query query, List<ProcessingPurpose> purposes, ControllerProfile? profile, IStringLocalizer l)
        {
            var excel = query.Format == Art30Format.ExcelBelgium;
            var date = clock.Today().ToString(excel ? "dd'/'MM'/'yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
            using var buffer = new MemoryStream();
            var options = new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true, Separator = excel ? ';' : ',' };
            using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
            {
                foreach (var column in Columns)
                    csv.WriteField(excel ? l["Staff.Art30.Column." + column].Value : column);
                csv.EndRecord();
                var controller = Joined(", ", profile?.LegalName ?? profile?.Name, profile?.EnterpriseNumber, profile?.Address, profile?.Email, profile?.Phone);
                var dpo = Joined(", ", profile?.DpoName, profile?.DpoEmail, profile?.DpoAddress);
                foreach (var p in purposes)
                {
                    var thirdCountries = p.Recipients.Where(r => !SaveRecipient.Eea.Contains(r.Country)).OrderBy(r => r.Code, StringComparer.Ordinal)
                        .Select(r => $"{r.Name} ({r.Country}): {r.TransferSafeguard}").ToList();
                    var fields = new[]
                    {
                        controller,
                        dpo,
                        p.Code,
                        p.Name(query.Language),
                        p.Description(query.Language),
                        l["Basis." + p.LegalBasis].Value,
                        p.Article9Condition ?? "",
                        string.Join("; ", (p.DataSubjects.Count > 0 ? p.DataSubjects : DataSubjects.Derive(p.RecordSets)).Select(s => l["Staff.DataSubject." + s].Value)),
                        string.Join("; ", p.DataCategories.Select(c => l["Staff.DataCategory." + c].Value)),
                        string.Join("; ", p.RecordSets.Select(r => l["Staff.RecordSet." + r].Value)),
                        p.Recipients.Count == 0 ? l["Staff.Art30.NoRecipients"].Value
                            : string.Join("; ", p.Recipients.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => $"{r.Name} ({l["Staff.RecipientKind." + r.Kind].Value}, {r.Country})")),
                        thirdCountries.Count == 0 ? l["Staff.Art30.NoTransfers"].Value : string.Join("; ", thirdCountries),
                        string.Join("; ", p.RetentionRules.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => Retention(r, l))),
                        p.SecurityMeasures ?? l["Staff.Art30.DefaultSecurityMeasures"].Value,
                        p.Source,
                        l[p.Portable ? "Staff.Art30.Yes" : "Staff.Art30.No"].Value,
                        date,
                    };
                    foreach (var field in fields)
                        csv.WriteField(field);
                    csv.EndRecord();
                }
            }
            return buffer.ToArray();
        }

        private static string Joined(string separator, params string?[] parts) =>
            string.Join(separator, parts.Where(x => !string.IsNullOrWhiteSpace(x)));

        private static string Period(string iso, IStringLocalizer l)
        {
            var parts = StaffFormat.PeriodParts(iso);
            return parts is null or { Count: 0 } ? iso
                : string.Join(" ", parts.Select(x => string.Format(CultureInfo.CurrentCulture, l["Staff.Unit." + x.Unit + (x.Number == 1 ? ".One" : ".Many")].Value, x.Number)));
        }

        private static string Retention(RetentionRule r, IStringLocalizer l) =>
            $"{Period(r.Period, l)} {l["Staff.Register.After"].Value} {l["Staff.Anchor." + r.Anchor].Value}"
            + (r.CapPeriod is null || r.CapAnchor is null ? "" : $", {l["Staff.Register.AtMost"].Value} {Period(r.CapPeriod, l)} {l["Staff.Register.After"].Value} {l["Staff.Anchor." + r.CapAnchor].Value}")
            + $" → {l["Staff.Expiry." + r.OnExpiry].Value} ({r.Citation})";
    }
}
