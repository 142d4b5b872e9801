using System.Text.Json;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Register;

/// <summary>
/// Validates a policy pack and replaces the register with it in one transaction. Purposes, rules and
/// recipients are matched by code, so open requests (whose plans name purpose codes) keep working.
/// </summary>
public static class ImportPolicyPack
{
    [RequiresRole(Roles.Admin, Roles.Dpo)]
    public sealed record Command : ICommand<Result>
    {
        public string Json { get; init; } = "";
    }

    public sealed record Result(string PackCode, int Purposes, int Rules, int Recipients, IReadOnlyList<string> Warnings)
    {
        public string Summary => $"Imported policy pack '{PackCode}': {Purposes} purposes, {Rules} retention rules, {Recipients} recipients.";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Json).NotEmpty().Custom((json, ctx) =>
            {
                if (string.IsNullOrWhiteSpace(json))
                    return;
                PolicyPack pack;
                try
                {
                    pack = PolicyPack.Parse(json);
                }
                catch (JsonException ex)
                {
                    ctx.AddFailure(ex.Path is { Length: > 0 } p ? p : "$", "The pack is not valid JSON: " + ex.Message);
                    return;
                }
                foreach (var error in new PackValidator().Validate(pack).Errors)
                    ctx.AddFailure(ToJsonPath(error.PropertyName), error.ErrorMessage);
            });
        }

        /// <summary>"Purposes[2].RetentionRules[0].Period" → "$.purposes[2].retentionRules[0].period".</summary>
        public static string ToJsonPath(string propertyName) =>
            "$" + string.Concat(propertyName.Split('.').Select(s => "." + JsonNamingPolicy.CamelCase.ConvertName(s)));
    }

    public sealed class PackValidator : AbstractValidator<PolicyPack>
    {
        private static readonly string[] Languages = ["nl", "fr", "en"];

        public PackValidator()
        {
            RuleFor(p => p.Code).NotEmpty().Matches("^[a-z0-9-]{2,40}$");
            RuleFor(p => p.Name).NotEmpty().MaximumLength(200);
            RuleFor(p => p.Version).NotEmpty().MaximumLength(40);
            RuleFor(p => p.SourcePolicy).MaximumLength(1000);
            // The register's column sizes (RegisterConfiguration): a longer value is a field error, never a database failure.
            RuleFor(p => p.Controller.Name).NotEmpty().MaximumLength(200);
            RuleFor(p => p.Controller.LegalName).MaximumLength(200);
            RuleFor(p => p.Controller.EnterpriseNumber).MaximumLength(40);
            RuleFor(p => p.Controller.Address).NotEmpty().MaximumLength(500);
            RuleFor(p => p.Controller.Email).NotEmpty().MaximumLength(254).EmailAddress();
            RuleFor(p => p.Controller.Phone).MaximumLength(40);
            RuleFor(p => p.Controller.Website).MaximumLength(200);
            RuleFor(p => p.Controller.Dpo.Name).MaximumLength(200);
            RuleFor(p => p.Controller.Dpo.Email).NotEmpty().MaximumLength(254).EmailAddress();
            RuleFor(p => p.Controller.Dpo.Address).MaximumLength(500);
            RuleFor(p => p.Notes).Must(n => n.Count <= 100).WithMessage("At most 100 notes.");
            RuleForEach(p => p.Notes).ChildRules(n =>
            {
                n.RuleFor(x => x.Topic).MaximumLength(200);
                n.RuleFor(x => x.Text).MaximumLength(4000);
            });
            RuleFor(p => p.Settings.CareerInactivityPeriod).Must(BeAPeriod).WithMessage("Must be an ISO 8601 period such as P2Y.");
            RuleFor(p => p.Settings.CaseFileRetention).Must(BeAPeriod).WithMessage("Must be an ISO 8601 period such as P5Y.");
            RuleFor(p => p.Purposes).NotEmpty();
            RuleFor(p => p.Purposes).Must(ps => ps.Select(x => x.Code).Distinct(StringComparer.Ordinal).Count() == ps.Count)
                .WithMessage("Purpose codes must be unique.");
            RuleFor(p => p.Recipients).Must(rs => rs.Select(x => x.Code).Distinct(StringComparer.Ordinal).Count() == rs.Count)
                .WithMessage("Recipient codes must be unique.");
            RuleFor(p => p).Must(p => p.Purposes.SelectMany(x => x.RetentionRules).Select(r => r.Code).Distinct(StringComparer.Ordinal)
                    .Count() == p.Purposes.Sum(x => x.RetentionRules.Count))
                .WithName("purposes").WithMessage("Retention rule codes must be unique.");
            // Every table must belong to a purpose, so no record set is processed without one.
            RuleFor(p => p).Custom((p, ctx) =>
            {
                var covered = p.Purposes.SelectMany(x => x.RecordSets).ToHashSet(StringComparer.Ordinal);
                foreach (var set in Enum.GetNames<RecordSet>().Where(s => !covered.Contains(s)))
                    ctx.AddFailure("Purposes", $"Record set {set} is not covered by any purpose.");
            });
            RuleForEach(p => p.Recipients).ChildRules(r =>
            {
                r.RuleFor(x => x.Code).NotEmpty().Matches("^[a-z0-9-]{2,60}$");
                r.RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
                r.RuleFor(x => x.TransferSafeguard).MaximumLength(300);
                r.RuleFor(x => x.Description).MaximumLength(2000);
                r.RuleFor(x => x.ContactEmail).MaximumLength(254).EmailAddress().When(x => !string.IsNullOrEmpty(x.ContactEmail));
                r.RuleFor(x => x.Kind).IsEnumName(typeof(RecipientKind), caseSensitive: true).WithMessage(OneOf<RecipientKind>());
                r.RuleFor(x => x.Country).NotEmpty().Length(2);
                r.RuleFor(x => x.TransferSafeguard).NotEmpty().When(x => !IsEea(x.Country))
                    .WithMessage("A recipient outside the EEA needs its Art. 46 transfer safeguard or adequacy decision.");
            });
            RuleForEach(p => p.Purposes).ChildRules(purpose =>
            {
                purpose.RuleFor(x => x.Code).NotEmpty().Matches("^[a-z0-9-]{2,60}$");
                purpose.RuleFor(x => x.LegalBasis).IsEnumName(typeof(LegalBasis), caseSensitive: true).WithMessage(OneOf<LegalBasis>());
                purpose.RuleFor(x => x.Names).Must(HaveAllLanguages).WithMessage("Names are needed in nl, fr and en.");
                purpose.RuleFor(x => x.Descriptions).Must(HaveAllLanguages).WithMessage("Descriptions are needed in nl, fr and en.");
                purpose.RuleFor(x => x).Custom((x, ctx) =>
                {
                    foreach (var (language, _) in x.Names.Where(n => n.Value?.Length > 200))
                        ctx.AddFailure($"Names.{language}", "A name has at most 200 characters.");
                    foreach (var (language, _) in x.Descriptions.Where(n => n.Value?.Length > 4000))
                        ctx.AddFailure($"Descriptions.{language}", "A description has at most 4000 characters.");
                });
                purpose.RuleFor(x => x.Article9Condition).MaximumLength(200);
                purpose.RuleFor(x => x.Source).MaximumLength(1000);
                purpose.RuleFor(x => x.RecordSets).NotEmpty();
                purpose.RuleForEach(x => x.RecordSets).IsEnumName(typeof(RecordSet), caseSensitive: true).WithMessage(OneOf<RecordSet>());
                purpose.RuleForEach(x => x.DataCategories).IsEnumName(typeof(DataCategory), caseSensitive: true).WithMessage(OneOf<DataCategory>());
                purpose.RuleForEach(x => x.DataSubjects).IsEnumName(typeof(DataSubjectCategory), caseSensitive: true).WithMessage(OneOf<DataSubjectCategory>());
                purpose.RuleFor(x => x.SecurityMeasures).MaximumLength(4000);
                purpose.RuleFor(x => x.RetentionRules).NotEmpty().WithMessage("Every purpose needs at least one retention rule.");
                purpose.RuleFor(x => x.Portable).Equal(false).When(x => x.LegalBasis is not ("Consent" or "Contract"))
                    .WithMessage("Only consent- or contract-based purposes can be portable (PO-1).");
                purpose.RuleForEach(x => x.RetentionRules).ChildRules(rule =>
                {
                    rule.RuleFor(x => x.Code).NotEmpty().MaximumLength(80);
                    rule.RuleFor(x => x.DataCategory).IsEnumName(typeof(DataCategory), caseSensitive: true).WithMessage(OneOf<DataCategory>());
                    rule.RuleFor(x => x.Kind).IsEnumName(typeof(RetentionKind), caseSensitive: true).WithMessage(OneOf<RetentionKind>());
                    rule.RuleFor(x => x.Anchor).IsEnumName(typeof(RetentionAnchor), caseSensitive: true).WithMessage(OneOf<RetentionAnchor>());
                    rule.RuleFor(x => x.AnchorAdjust).IsEnumName(typeof(AnchorAdjust), caseSensitive: true).WithMessage(OneOf<AnchorAdjust>());
                    rule.RuleFor(x => x.Period).Must(BeAPeriod).WithMessage("Must be an ISO 8601 period with years, months and days only (RET-4).");
                    rule.RuleFor(x => x.AppliesTo).IsEnumName(typeof(RuleAppliesTo), caseSensitive: true).WithMessage(OneOf<RuleAppliesTo>());
                    rule.RuleFor(x => x.OnExpiry).IsEnumName(typeof(ExpiryAction), caseSensitive: true).WithMessage(OneOf<ExpiryAction>());
                    rule.RuleFor(x => x.Citation).NotEmpty().MaximumLength(1000);
                    rule.RuleFor(x => x.Note).MaximumLength(2000);
                    rule.RuleForEach(x => x.AnonymiseFields).NotEmpty().MaximumLength(100);
                    rule.RuleFor(x => x.Note).NotEmpty().When(x => x.Kind == nameof(RetentionKind.LegalClaimsPeriod))
                        .WithMessage("A LegalClaimsPeriod rule needs its written justification (RET-2).");
                    rule.RuleFor(x => x.Cap!).ChildRules(BoundRules).When(x => x.Cap is not null);
                    rule.RuleFor(x => x.Floor!).ChildRules(BoundRules).When(x => x.Floor is not null);
                });
            });
            RuleForEach(p => p.Purposes).Custom((purpose, ctx) =>
            {
                // §4.5: a pack cannot shorten a statutory period either (the same floor as the register editor).
                for (var i = 0; i < purpose.RetentionRules.Count; i++)
                {
                    var r = purpose.RetentionRules[i];
                    if (Enum.TryParse<DataCategory>(r.DataCategory, out var category) && Enum.TryParse<RetentionKind>(r.Kind, out var kind)
                        && Enum.TryParse<LegalBasis>(purpose.LegalBasis, out var basis) && IsoPeriod.TryParse(r.Period, out var period)
                        && Domain.Retention.StatutoryFloors.Breached(category, kind, basis, period) is { } floor)
                        ctx.AddFailure($"RetentionRules[{i}].Period", $"{r.Period} is shorter than the statutory minimum of {floor.Minimum} for {category} data: {floor.Statute}.");
                }
                var known = ctx.InstanceToValidate.Recipients.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
                // Named by position, not by the value sent (a pack may carry anything there).
                for (var i = 0; i < purpose.Recipients.Count; i++)
                {
                    if (!known.Contains(purpose.Recipients[i]))
                        ctx.AddFailure("Recipients", $"Recipient number {i + 1} of this purpose is not in the pack's recipients.");
                }
            });
        }

        private static void BoundRules(InlineValidator<PackBound> bound)
        {
            bound.RuleFor(x => x.Anchor).IsEnumName(typeof(RetentionAnchor), caseSensitive: true).WithMessage(OneOf<RetentionAnchor>());
            bound.RuleFor(x => x.AnchorAdjust).IsEnumName(typeof(AnchorAdjust), caseSensitive: true).WithMessage(OneOf<AnchorAdjust>());
            bound.RuleFor(x => x.Period).Must(BeAPeriod).WithMessage("Must be an ISO 8601 period with years, months and days only (RET-4).");
        }

        /// <summary>The allowed names, without quoting what was sent (it may be anything).</summary>
        private static string OneOf<TEnum>()
            where TEnum : struct, Enum => $"Use one of {string.Join(", ", Enum.GetNames<TEnum>())}.";

        private static bool BeAPeriod(string? value) => IsoPeriod.TryParse(value, out _);

        private static bool HaveAllLanguages(Dictionary<string, string> texts) =>
            Languages.All(l => texts.TryGetValue(l, out var t) && !string.IsNullOrWhiteSpace(t));

        private static readonly HashSet<string> EeaCountries = new(StringComparer.OrdinalIgnoreCase)
        {
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
        };

        public static bool IsEea(string? country) => country is not null && EeaCountries.Contains(country);
    }

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock, ICurrentUser user, AfterCommit afterCommit,
        Infrastructure.Web.ControllerProfileCache profiles) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var pack = PolicyPack.Parse(request.Json);
            var now = clock.GetUtcNow();
            var warnings = Warnings(pack, request.Json);

            var recipients = await db.Recipients.ToDictionaryAsync(r => r.Code, cancellationToken);
            foreach (var r in pack.Recipients)
            {
                if (!recipients.TryGetValue(r.Code, out var entity))
                {
                    entity = new Recipient { Code = r.Code };
                    db.Recipients.Add(entity);
                    recipients[r.Code] = entity;
                }
                entity.Name = r.Name;
                entity.Kind = Enum.Parse<RecipientKind>(r.Kind);
                entity.Country = r.Country.ToUpperInvariant();
                entity.TransferSafeguard = r.TransferSafeguard;
                entity.Description = r.Description;
                entity.ContactEmail = r.ContactEmail;
            }

            // Rules are replaced wholesale (codes may move between purposes); inside the command's transaction.
            await db.RetentionRules.ExecuteDeleteAsync(cancellationToken);
            var purposes = await db.Purposes.Include(p => p.Recipients).ToDictionaryAsync(p => p.Code, cancellationToken);
            var order = 0;
            foreach (var p in pack.Purposes)
            {
                if (!purposes.TryGetValue(p.Code, out var entity))
                {
                    entity = new ProcessingPurpose { Code = p.Code };
                    db.Purposes.Add(entity);
                }
                entity.NameNl = p.Names["nl"];
                entity.NameFr = p.Names["fr"];
                entity.NameEn = p.Names["en"];
                entity.DescriptionNl = p.Descriptions["nl"];
                entity.DescriptionFr = p.Descriptions["fr"];
                entity.DescriptionEn = p.Descriptions["en"];
                entity.LegalBasis = Enum.Parse<LegalBasis>(p.LegalBasis);
                entity.Article9Condition = p.Article9Condition;
                entity.DataCategories = p.DataCategories.Select(Enum.Parse<DataCategory>).Distinct().ToList();
                entity.RecordSets = p.RecordSets.Select(Enum.Parse<RecordSet>).Distinct().ToList();
                entity.DataSubjects = p.DataSubjects is { Count: > 0 } subjects
                    ? subjects.Select(Enum.Parse<DataSubjectCategory>).Distinct().ToList()
                    : DataSubjects.Derive(entity.RecordSets);
                entity.SecurityMeasures = string.IsNullOrWhiteSpace(p.SecurityMeasures) ? null : p.SecurityMeasures.Trim();
                entity.Source = p.Source;
                entity.Portable = p.Portable;
                entity.AutomatedDecisionMaking = p.AutomatedDecisionMaking;
                entity.IsMarketing = p.IsMarketing;
                entity.SortOrder = order++;
                // Diff rather than clear-and-add: re-adding the same link would delete and insert one row twice.
                var wanted = p.Recipients.Distinct(StringComparer.Ordinal).Select(c => recipients[c]).ToList();
                entity.Recipients.RemoveAll(r => !wanted.Contains(r));
                entity.Recipients.AddRange(wanted.Where(r => !entity.Recipients.Contains(r)));
                entity.RetentionRules = p.RetentionRules.Select(ToRule).ToList();
            }
            var keep = pack.Purposes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
            db.Purposes.RemoveRange(purposes.Values.Where(p => !keep.Contains(p.Code)));
            var keepRecipients = pack.Recipients.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
            db.Recipients.RemoveRange(recipients.Values.Where(r => !keepRecipients.Contains(r.Code)));

            // The controller's name in e-mails and on public pages comes from a cache: drop it once this commits.
            afterCommit.Add(profiles.Invalidate);
            var profile = await db.ControllerProfiles.OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            if (profile is null)
            {
                profile = new ControllerProfile();
                db.ControllerProfiles.Add(profile);
            }
            profile.PackCode = pack.Code;
            profile.PackVersion = pack.Version;
            profile.Name = pack.Controller.Name;
            profile.LegalName = pack.Controller.LegalName;
            profile.EnterpriseNumber = pack.Controller.EnterpriseNumber;
            profile.Address = pack.Controller.Address;
            profile.Email = pack.Controller.Email;
            profile.Phone = pack.Controller.Phone;
            profile.Website = pack.Controller.Website;
            profile.DpoName = pack.Controller.Dpo.Name;
            profile.DpoEmail = pack.Controller.Dpo.Email;
            profile.DpoAddress = pack.Controller.Dpo.Address;
            profile.CareerInactivityPeriod = pack.Settings.CareerInactivityPeriod;
            profile.CaseFileRetention = pack.Settings.CaseFileRetention;
            profile.NotesJson = JsonSerializer.Serialize(pack.Notes, PolicyPack.JsonOptions);
            profile.ImportedAt = now;

            var ruleCount = pack.Purposes.Sum(p => p.RetentionRules.Count);
            db.AuditEvents.Add(new AuditEvent(now, user.Actor, "register.pack-imported",
                $"Policy pack {pack.Code} {pack.Version} imported: {pack.Purposes.Count} purposes, {ruleCount} rules, {pack.Recipients.Count} recipients; SHA-256 {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(request.Json)))[..16]}."));
            return new Result(pack.Code, pack.Purposes.Count, ruleCount, pack.Recipients.Count, warnings);
        }

        private static RetentionRule ToRule(PackRetentionRule r) => new()
        {
            Code = r.Code,
            DataCategory = Enum.Parse<DataCategory>(r.DataCategory),
            Kind = Enum.Parse<RetentionKind>(r.Kind),
            Anchor = Enum.Parse<RetentionAnchor>(r.Anchor),
            AnchorAdjust = Enum.Parse<AnchorAdjust>(r.AnchorAdjust),
            Period = IsoPeriod.Parse(r.Period).ToString(),
            CapAnchor = r.Cap is null ? null : Enum.Parse<RetentionAnchor>(r.Cap.Anchor),
            CapAnchorAdjust = r.Cap is null ? null : Enum.Parse<AnchorAdjust>(r.Cap.AnchorAdjust),
            CapPeriod = r.Cap is null ? null : IsoPeriod.Parse(r.Cap.Period).ToString(),
            FloorAnchor = r.Floor is null ? null : Enum.Parse<RetentionAnchor>(r.Floor.Anchor),
            FloorAnchorAdjust = r.Floor is null ? null : Enum.Parse<AnchorAdjust>(r.Floor.AnchorAdjust),
            FloorPeriod = r.Floor is null ? null : IsoPeriod.Parse(r.Floor.Period).ToString(),
            AppliesTo = Enum.Parse<RuleAppliesTo>(r.AppliesTo),
            OnExpiry = Enum.Parse<ExpiryAction>(r.OnExpiry),
            AnonymiseFields = r.AnonymiseFields,
            Citation = r.Citation,
            Note = r.Note,
        };

        /// <summary>§7: flag what a pack must not rely on, without refusing it.</summary>
        private static List<string> Warnings(PolicyPack pack, string json)
        {
            var warnings = new List<string>();
            foreach (var r in pack.Recipients.Where(r => r.TransferSafeguard?.Contains("Privacy Shield", StringComparison.OrdinalIgnoreCase) == true))
                warnings.Add($"Recipient {r.Code} cites Privacy Shield, invalid since C-311/18 Schrems II: name the EU-U.S. Data Privacy Framework or SCCs (§7).");
            if (json.Contains("Commissie voor de Bescherming van de Persoonlijke Levenssfeer", StringComparison.OrdinalIgnoreCase)
                && !pack.Notes.Any(n => n.Text.Contains("GBA", StringComparison.Ordinal)))
                warnings.Add("The pack names the former Privacy Commission; notices must use the GBA/APD (§7).");
            foreach (var p in pack.Purposes.Where(p => p.LegalBasis == "Consent" && p.RecordSets.Intersect(["PayrollRecords", "Assignments"]).Any()))
                warnings.Add($"Purpose {p.Code} bases worker data on consent; flagged for DPO review (CW-5).");
            return warnings;
        }
    }
}
