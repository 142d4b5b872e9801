using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Staff;

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
