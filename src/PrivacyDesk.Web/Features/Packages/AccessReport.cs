using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Features.Portal;

namespace PrivacyDesk.Web.Features.Packages;

/// <summary>
/// The answer to an access request (Art. 15, ACC-4) as one self-contained, printable HTML file in the
/// request's language: confirmation, per purpose its legal basis, categories, retention, source and
/// recipients, a copy of the data grouped by purpose, the client companies that received the CV, transfers
/// with their safeguards, automated decisions, redactions (ACC-6), the snapshot date (ACC-2), the rights
/// and the complaint route. Uploaded documents are embedded as downloadable files.
/// </summary>
public sealed class AccessReport(IStringLocalizer localizer)
{
    private static readonly HashSet<string> Eea =
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
        "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ];

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;
    private static readonly string[] OverviewHeads = ["Portal.Report.Purpose", "Portal.Report.LegalBasis", "Portal.Report.Categories", "Portal.Report.Retention", "Portal.Report.Source"];
    private static readonly string[] ClientHeads = ["Portal.F.ClientCompany", "Portal.F.DisclosedOn", "Portal.F.What", "Portal.Report.Purpose"];
    private static readonly string[] EmailHeads = ["Portal.F.SentAt", "Portal.F.ClientCompany", "Portal.Report.Extract"];
    private readonly StringBuilder _html = new();

    public sealed record Input(
        DataSubjectRequest Request,
        RequestPlan Plan,
        Candidate? Candidate,
        IReadOnlyList<ProcessingPurpose> Purposes,
        ControllerProfile? Controller,
        DateOnly SnapshotOn,
        DateTimeOffset GeneratedAt);

    public string Render(Input input)
    {
        var language = PortalFormat.Normalize(input.Request.Language);
        using var _ = new LanguageScope(language);
        _html.Clear();
        var request = input.Request;
        var plan = input.Plan;
        var controller = input.Controller;

        _html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(E(T("Portal.Report.Title"))).Append(" · ").Append(E(request.Reference)).Append("</title>\n<style>")
            .Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");

        // Header and the time reference (ACC-2).
        Tag("h1", T("Portal.Report.Title"));
        _html.Append("<dl class=\"facts\">");
        Fact(T("Portal.Report.Controller"), controller is null ? "—" : $"{controller.LegalName ?? controller.Name}, {controller.Address} · {controller.Email}");
        if (controller is not null)
            Fact(T("Data protection officer"), $"{controller.DpoName ?? "DPO"} · {controller.DpoEmail}");
        Fact(T("Portal.Reference"), request.Reference);
        Fact(T("Portal.ReceivedOn"), PortalFormat.Date(request.ReceivedOn));
        Fact(T("Portal.Report.Snapshot"), PortalFormat.Date(input.SnapshotOn));
        Fact(T("Portal.Report.Generated"), PortalFormat.DateTime(input.GeneratedAt));
        _html.Append("</dl>\n");
        Para(T("Portal.Report.SnapshotText", PortalFormat.Date(input.SnapshotOn)));

        // 1. Confirmation.
        Section(T("Portal.Report.Confirmation"));
        var noData = plan.NoDataHeld || input.Candidate is null;
        Para(noData ? T("Portal.Report.ConfirmationNo") : T("Portal.Report.ConfirmationYes"), "confirmation");

        if (!noData)
        {
            var candidate = input.Candidate!;
            var given = plan.Lines.Where(l => l.Outcome is PlanOutcome.Give or PlanOutcome.GiveRedacted).ToList();
            var byPurpose = given.GroupBy(l => l.PurposeCode).ToList();

            RenderSummary(input, byPurpose.Select(g => g.Key).ToList(), language);

            // 2. Overview: purposes (a), legal basis, categories (b), retention (d), source (g).
            Section(T("Portal.Report.Overview"));
            var overview = OverviewHeads.Select(T).ToArray();
            _html.Append("<div class=\"table-wrap\"><table><thead><tr>");
            foreach (var h in overview)
                Tag("th", h);
            _html.Append("</tr></thead><tbody>");
            foreach (var group in byPurpose)
            {
                var purpose = input.Purposes.FirstOrDefault(p => p.Code == group.Key);
                _html.Append("<tr>");
                Cell(overview[0], purpose?.Name(language) ?? T("Portal.Report.NoPurpose"));
                Cell(overview[1], purpose is null ? "—" : T("Portal.Basis." + purpose.LegalBasis));
                Cell(overview[2], purpose is null ? "—" : string.Join(", ", purpose.DataCategories.Distinct().Select(c => T("Portal.Cat." + c))));
                Cell(overview[3], RetentionSummary(group.ToList()));
                Cell(overview[4], purpose is null || string.IsNullOrWhiteSpace(purpose.Source) ? T("Portal.Report.SourceYou") : purpose.Source);
                _html.Append("</tr>");
            }
            _html.Append("</tbody></table></div>\n");

            // 3. The copy of the data, grouped by purpose (15(3)).
            Section(T("Portal.Report.YourData"));
            Para(T("Portal.Report.YourDataText"));
            var shown = new HashSet<RecordSet>();
            foreach (var group in byPurpose)
            {
                var purpose = input.Purposes.FirstOrDefault(p => p.Code == group.Key);
                _html.Append("<section class=\"purpose\">");
                Tag("h3", purpose?.Name(language) ?? T("Portal.Report.NoPurpose"));
                if (purpose is not null)
                {
                    Para(purpose.Description(language));
                    _html.Append("<dl class=\"facts\">");
                    Fact(T("Portal.Report.LegalBasis"), T("Portal.Basis." + purpose.LegalBasis) + (purpose.Article9Condition is { Length: > 0 } a9 ? $" · {a9}" : ""));
                    Fact(T("Portal.Report.Categories"), string.Join(", ", purpose.DataCategories.Distinct().Select(c => T("Portal.Cat." + c))));
                    Fact(T("Portal.Report.Recipients"), purpose.Recipients.Count == 0 ? T("Portal.Report.NoRecipients") : string.Join("; ", purpose.Recipients.Select(RecipientText)));
                    Fact(T("Portal.Report.Source"), string.IsNullOrWhiteSpace(purpose.Source) ? T("Portal.Report.SourceYou") : purpose.Source);
                    _html.Append("</dl>");
                }
                var seen = new List<string>();
                foreach (var line in group.GroupBy(l => l.RecordSet))
                {
                    if (!shown.Add(line.Key))
                    {
                        seen.Add(T("Portal.Set." + line.Key));
                        continue;
                    }
                    var ids = given.Where(l => l.RecordSet == line.Key).SelectMany(l => l.RecordIds).Distinct().ToList();
                    var records = CandidateRecords.Select(candidate, line.Key, ids);
                    Tag("h4", $"{T("Portal.Set." + line.Key)} ({records.Count})");
                    foreach (var reason in line.Select(l => CandidateText.Plain(l.Reason.For(language), language)).Where(r => r.Length > 0).Distinct())
                        Para(reason, "reason");
                    RenderRecords(line.Key, records);
                }
                if (seen.Count > 0)
                    Para(T("Portal.Report.ShownAbove", string.Join(", ", seen)), "reason");
                _html.Append("</section>\n");
            }

            // 4. Recipients (c): registered recipients and the actual client companies from the client ledger.
            Section(T("Portal.Report.Recipients"));
            var recipients = input.Purposes.Where(p => byPurpose.Any(g => g.Key == p.Code)).SelectMany(p => p.Recipients)
                .DistinctBy(r => r.Code).OrderBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.CurrentCulture).ToList();
            if (recipients.Count == 0)
            {
                Para(T("Portal.Report.NoRecipients"));
            }
            else
            {
                _html.Append("<ul>");
                foreach (var r in recipients)
                    Tag("li", RecipientText(r));
                _html.Append("</ul>");
            }
            Tag("h3", T("Portal.Report.Clients"));
            var disclosures = candidate.ClientDisclosures.OrderBy(d => d.DisclosedOn).ToList();
            if (disclosures.Count == 0)
            {
                Para(T("Portal.Report.NoClients"));
            }
            else
            {
                Para(T("Portal.Report.ClientsText"));
                var heads = ClientHeads.Select(T).ToArray();
                _html.Append("<div class=\"table-wrap\"><table><thead><tr>");
                foreach (var h in heads)
                    Tag("th", h);
                _html.Append("</tr></thead><tbody>");
                foreach (var d in disclosures)
                {
                    _html.Append("<tr>");
                    Cell(heads[0], d.ClientCompany);
                    Cell(heads[1], PortalFormat.Date(d.DisclosedOn));
                    Cell(heads[2], Value("What", d.What));
                    Cell(heads[3], input.Purposes.FirstOrDefault(p => p.Code == d.PurposeCode)?.Name(language) ?? T("Portal.Report.NoPurpose"));
                    _html.Append("</tr>");
                }
                _html.Append("</tbody></table></div>\n");
            }

            // Transfers outside the EEA (15(2)).
            Section(T("Portal.Report.Transfers"));
            var transfers = recipients.Where(r => !Eea.Contains((r.Country ?? "BE").ToUpperInvariant())).ToList();
            if (transfers.Count == 0)
            {
                Para(T("Portal.Report.NoTransfers"));
            }
            else
            {
                _html.Append("<ul>");
                foreach (var r in transfers)
                    Tag("li", $"{r.Name} ({r.Country}): {r.TransferSafeguard ?? T("Portal.Report.SafeguardUnknown")}");
                _html.Append("</ul>");
            }

            // Automated decisions (h).
            Section(T("Portal.Report.Automated"));
            var automated = input.Purposes.Where(p => p.AutomatedDecisionMaking && byPurpose.Any(g => g.Key == p.Code)).ToList();
            Para(automated.Count == 0
                ? T("Portal.Report.NoAutomated")
                : T("Portal.Report.Automated.Some", string.Join(", ", automated.Select(p => p.Name(language)))));

            // Redactions (ACC-6).
            if (given.Any(l => l.Outcome == PlanOutcome.GiveRedacted))
            {
                Section(T("Portal.Report.Redactions"));
                Para(T("Portal.Report.RedactionsText"));
                if (candidate.ProfessionalEmails.Any(e => string.IsNullOrWhiteSpace(e.RedactedExtract)))
                    Para(T("Portal.Report.UnderReviewText", PortalFormat.Date(request.CurrentDueOn)), "warn");
            }

            // National register number: held, stored encrypted; never shown in full in a file that travels by e-mail link.
            if (!string.IsNullOrEmpty(candidate.NationalNumberEncrypted))
            {
                Section(T("Portal.F.NationalNumberEncrypted"));
                Para(T("Portal.Report.NationalNumber"));
            }
        }

        // Notes from the plan (retention freeze, etc.).
        if (plan.Notices.Count > 0)
        {
            Section(T("Portal.Report.Notes"));
            _html.Append("<ul>");
            foreach (var notice in plan.Notices)
                Tag("li", CandidateText.Plain(notice.For(language), language));
            _html.Append("</ul>");
        }

        // Rights (e) and complaint (f).
        Section(T("Portal.Report.Rights"));
        _html.Append("<ul>");
        foreach (var right in new[] { "Rectification", "Erasure", "Restriction", "Objection", "Portability", "ConsentWithdrawal" })
            _html.Append("<li><strong>").Append(E(T("Right." + right))).Append("</strong>: ").Append(E(T("Right." + right + ".Text"))).Append("</li>");
        _html.Append("</ul>");
        Section(T("Portal.Report.Complaint"));
        foreach (var line in EmailTemplates.ComplaintBlock(language).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Para(line.Trim());

        _html.Append("</main>\n</body>\n</html>\n");
        return _html.ToString();
    }

    private void RenderRecords(RecordSet set, IReadOnlyList<object> records)
    {
        if (records.Count == 0)
            return;
        if (set == RecordSet.ProfessionalEmails)
        {
            RenderEmails(records.OfType<ProfessionalEmail>().ToList());
            return;
        }
        var exclude = set == RecordSet.CandidateProfile ? new[] { "NationalNumberEncrypted" } : [];
        var fields = CandidateRecords.Fields(records[0].GetType(), exclude).Where(f => f.Name != "Id").ToList();
        var labels = fields.Select(f => T("Portal.F." + f.Name)).ToList();
        if (fields.Count > 4)
        {
            // Many fields (the profile, payslips): one labelled card per record reads better than a table wider than the page.
            foreach (var record in records)
            {
                _html.Append("<dl class=\"facts record\">");
                for (var i = 0; i < fields.Count; i++)
                    Fact(labels[i], Display(fields[i].Name, fields[i].GetValue(record)));
                if (CandidateRecords.FileOf(record) is { } attached)
                {
                    _html.Append("<dt>").Append(E(T("Portal.Report.File"))).Append("</dt><dd>");
                    FileLink(attached);
                    _html.Append("</dd>");
                }
                _html.Append("</dl>\n");
            }
            return;
        }
        _html.Append("<div class=\"table-wrap\"><table><thead><tr>");
        foreach (var label in labels)
            Tag("th", label);
        var hasFiles = records.Any(r => CandidateRecords.FileOf(r) is not null);
        if (hasFiles)
            Tag("th", T("Portal.Report.File"));
        _html.Append("</tr></thead><tbody>");
        foreach (var record in records)
        {
            _html.Append("<tr>");
            for (var i = 0; i < fields.Count; i++)
                Cell(labels[i], Display(fields[i].Name, fields[i].GetValue(record)));
            if (hasFiles)
            {
                _html.Append("<td data-label=\"").Append(E(T("Portal.Report.File"))).Append("\">");
                if (CandidateRecords.FileOf(record) is { } file)
                    FileLink(file);
                _html.Append("</td>");
            }
            _html.Append("</tr>");
        }
        _html.Append("</tbody></table></div>\n");
    }

    private void FileLink((string FileName, string ContentType, byte[] Content) file) =>
        _html.Append("<a download=\"").Append(E(CandidateRecords.SafeName(file.FileName))).Append("\" href=\"data:")
            .Append(E(SafeContentType(file.ContentType))).Append(";base64,").Append(Convert.ToBase64String(file.Content)).Append("\">")
            .Append(E(T("Portal.Report.DownloadFile", file.FileName))).Append("</a>");

    /// <summary>ACC-6: professional e-mails as the reviewed, redacted extract; before review only the date and client, marked as such.</summary>
    private void RenderEmails(IReadOnlyList<ProfessionalEmail> emails)
    {
        var heads = EmailHeads.Select(T).ToArray();
        _html.Append("<div class=\"table-wrap\"><table><thead><tr>");
        foreach (var h in heads)
            Tag("th", h);
        _html.Append("</tr></thead><tbody>");
        foreach (var mail in emails.OrderBy(e => e.SentAt))
        {
            _html.Append("<tr>");
            Cell(heads[0], PortalFormat.DateTime(mail.SentAt));
            Cell(heads[1], mail.ClientCompany ?? "—");
            if (string.IsNullOrWhiteSpace(mail.RedactedExtract))
                _html.Append("<td class=\"under-review\" data-label=\"").Append(E(heads[2])).Append("\">").Append(E(T("Portal.Report.UnderReview"))).Append("</td>");
            else
                Cell(heads[2], mail.RedactedExtract);
            _html.Append("</tr>");
        }
        _html.Append("</tbody></table></div>\n");
    }

    private string RecipientText(Recipient r)
    {
        var text = $"{r.Name} ({T("Portal.RecipientKind." + r.Kind)}, {r.Country})";
        if (!string.IsNullOrWhiteSpace(r.Description))
            text += $": {r.Description}";
        if (!string.IsNullOrWhiteSpace(r.TransferSafeguard))
            text += $" — {T("Portal.Report.Safeguard")}: {r.TransferSafeguard}";
        return text;
    }

    private string RetentionSummary(IReadOnlyList<PlanLine> lines)
    {
        if (lines.All(l => l.KeepUntil is not null))
            return T("Portal.Report.Until", PortalFormat.Date(lines.Max(l => l.KeepUntil!.Value)));
        return T("Portal.Report.RetentionSeeBelow");
    }

    private string Display(string field, object? value) => value switch
    {
        null => "—",
        DateOnly d => PortalFormat.Date(d),
        DateTimeOffset dto => PortalFormat.DateTime(dto),
        bool b => b ? T("Portal.Report.Yes") : T("Portal.Report.No"),
        decimal m => m.ToString("N2", CultureInfo.CurrentCulture),
        Enum e => T($"Portal.Enum.{e.GetType().Name}.{e}"),
        // Years and tax years read as years ("2026"), not as numbers with a thousands separator.
        int i when field.EndsWith("Year", StringComparison.Ordinal) => i.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        string text => Value(field, text),
        _ => value.ToString() ?? "—",
    };

    /// <summary>Stored codes read in the reader's language (application status "Hired", source "Candidate", language "fr");
    /// a value we have no words for (free text from the source system) is shown as it is.</summary>
    private string Value(string field, string text)
    {
        var key = $"Portal.Value.{field}.{text}";
        var localized = localizer[key];
        return localized.ResourceNotFound ? text : localized.Value;
    }

    /// <summary>The short "in a nutshell" page before the detail (which data, why, from where, to whom, how long).</summary>
    private void RenderSummary(Input input, IReadOnlyList<string> purposeCodes, string language)
    {
        var purposes = input.Purposes.Where(p => purposeCodes.Contains(p.Code)).ToList();
        _html.Append("<section class=\"summary\" aria-labelledby=\"summary-title\">");
        _html.Append("<h2 id=\"summary-title\">").Append(E(T("Portal.Report.SummaryTitle"))).Append("</h2>");
        _html.Append("<dl class=\"facts\">");
        Fact(T("Portal.Report.SummaryWhat"), string.Join(", ", purposes.SelectMany(p => p.DataCategories).Distinct().Select(c => T("Portal.Cat." + c))));
        Fact(T("Portal.Report.SummaryWhy"), string.Join("; ", purposes.Select(p => p.Name(language))));
        var sources = purposes.Select(p => string.IsNullOrWhiteSpace(p.Source) ? T("Portal.Report.SourceYou") : p.Source!).Distinct().ToList();
        Fact(T("Portal.Report.SummaryFrom"), string.Join("; ", sources));
        var recipients = purposes.SelectMany(p => p.Recipients).DistinctBy(r => r.Code).Select(r => r.Name).ToList();
        Fact(T("Portal.Report.SummaryTo"), recipients.Count == 0 ? T("Portal.Report.NoRecipients") : string.Join(", ", recipients));
        var until = input.Plan.Lines.Where(l => l.Outcome is PlanOutcome.Give or PlanOutcome.GiveRedacted && l.KeepUntil is not null).Select(l => l.KeepUntil!.Value).DefaultIfEmpty().Max();
        Fact(T("Portal.Report.SummaryHowLong"), until == default ? T("Portal.Report.RetentionSeeBelow") : T("Portal.Report.SummaryUntil", PortalFormat.Date(until)));
        _html.Append("</dl>");
        Para(T("Portal.Report.SummaryRest"));
        _html.Append("</section>\n");
    }

    private static string SafeContentType(string contentType) =>
        contentType is "application/pdf" or "image/jpeg" or "image/png" or "application/msword" or "text/plain"
            or "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ? contentType
            : "application/octet-stream";

    private string T(string key) => localizer[key].Value;

    private string T(string key, params object[] args) => localizer[key, args].Value;

    private static string E(string? text) => Html.Encode(text ?? "");

    /// <summary>A table cell that carries its column name, so a phone can show each row as a labelled card.</summary>
    private void Cell(string label, string? text) =>
        _html.Append("<td data-label=\"").Append(E(label)).Append("\">").Append(E(text)).Append("</td>");

    private void Tag(string tag, string? text) => _html.Append('<').Append(tag).Append('>').Append(E(text)).Append("</").Append(tag).Append('>');

    private void Para(string? text, string? cssClass = null)
    {
        _html.Append(cssClass is null ? "<p>" : $"<p class=\"{cssClass}\">").Append(E(text)).Append("</p>\n");
    }

    private void Section(string title) => _html.Append("<h2>").Append(E(title)).Append("</h2>\n");

    private void Fact(string term, string? value) => _html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;line-height:1.5;margin:0;background:#fff}
        main{max-width:60rem;margin:0 auto;padding:1.5rem}
        h1{font-size:1.7rem;color:#0b4f8a}h2{font-size:1.3rem;border-bottom:2px solid #d3d9e0;padding-bottom:.2rem;margin-top:2rem}
        h3{font-size:1.1rem;margin-top:1.5rem}h4{font-size:1rem;margin:1rem 0 .3rem}
        .facts{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.2rem 1rem}.facts dt{font-weight:600}.facts dd{margin:0}
        table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.3rem 0 1rem}th,td{border:1px solid #d3d9e0;padding:.3rem .45rem;text-align:left;vertical-align:top}
        th{background:#eef2f6}td{overflow-wrap:anywhere}.reason{color:#4a5460;font-size:.92rem}.confirmation{font-weight:600}
        .warn,.under-review{color:#8a5a00}.purpose{page-break-inside:auto}
        .record{border:1px solid #d3d9e0;border-radius:.3rem;padding:.5rem .75rem;margin:.4rem 0 .8rem}.facts dd{overflow-wrap:anywhere;min-width:0}
        .summary{border:2px solid #0b4f8a;border-radius:.4rem;padding:0 1rem .5rem;margin:1rem 0 2rem}.summary h2{border:0;margin-top:1rem}
        @media (max-width:40rem){main{padding:1rem}.facts{grid-template-columns:minmax(0,1fr)}.facts dd{margin-bottom:.4rem}
          table,thead,tbody,tr,th,td{display:block}thead tr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
          tr{border:1px solid #d3d9e0;border-radius:.3rem;margin-bottom:.6rem}td{border:0;border-bottom:1px solid #eef2f6}
          td::before{content:attr(data-label);display:block;font-weight:600;color:#4a5460;font-size:.85rem}}
        @media print{main{padding:0;max-width:none}.summary{page-break-after:always}h2{page-break-after:avoid}tr{page-break-inside:avoid}a[href^="data:"]{display:none}}
        """;
}
