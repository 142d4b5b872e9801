using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Features.Portal;
using static PrivacyDesk.Web.Features.Packages.ReportHtml;

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
    private static readonly string[] OverviewHeads = ["Portal.Report.Purpose", "Portal.Report.LegalBasis", "Portal.Report.Categories", "Portal.Report.Retention", "Portal.Report.Source"];
    private static readonly string[] ClientHeads = ["Portal.F.ClientCompany", "Portal.F.DisclosedOn", "Portal.F.What", "Portal.Report.Purpose"];

    private static readonly HashSet<string> Eea =
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
        "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ];

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
        var copy = new AccessReportRecords(_html, localizer);
        var request = input.Request;
        var plan = input.Plan;
        var controller = input.Controller;

        _html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(E(T("Portal.Report.Title"))).Append(" · ").Append(E(request.Reference)).Append("</title>\n<style>")
            .Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");

        // Header and the time reference (ACC-2).
        _html.Tag("h1", T("Portal.Report.Title"));
        _html.Append("<dl class=\"facts\">");
        _html.Fact(T("Portal.Report.Controller"), controller is null ? "—" : $"{controller.LegalName ?? controller.Name}, {controller.Address} · {controller.Email}");
        if (controller is not null)
            _html.Fact(T("Data protection officer"), $"{controller.DpoName ?? "DPO"} · {controller.DpoEmail}");
        _html.Fact(T("Portal.Reference"), request.Reference);
        _html.Fact(T("Portal.ReceivedOn"), PortalFormat.Date(request.ReceivedOn));
        _html.Fact(T("Portal.Report.Snapshot"), PortalFormat.Date(input.SnapshotOn));
        _html.Fact(T("Portal.Report.Generated"), PortalFormat.DateTime(input.GeneratedAt));
        _html.Append("</dl>\n");
        _html.Para(T("Portal.Report.SnapshotText", PortalFormat.Date(input.SnapshotOn)));

        // 1. Confirmation.
        _html.Section(T("Portal.Report.Confirmation"));
        var noData = plan.NoDataHeld || input.Candidate is null;
        _html.Para(noData ? T("Portal.Report.ConfirmationNo") : T("Portal.Report.ConfirmationYes"), "confirmation");

        if (!noData)
        {
            var candidate = input.Candidate!;
            var given = plan.Lines.Where(l => l.Outcome is PlanOutcome.Give or PlanOutcome.GiveRedacted).ToList();
            var byPurpose = given.GroupBy(l => l.PurposeCode).ToList();

            RenderSummary(input, byPurpose.Select(g => g.Key).ToList(), language);

            // 2. Overview: purposes (a), legal basis, categories (b), retention (d), source (g).
            _html.Section(T("Portal.Report.Overview"));
            var overview = OverviewHeads.Select(T).ToArray();
            _html.Append("<div class=\"table-wrap\"><table><thead><tr>");
            foreach (var h in overview)
                _html.Tag("th", h);
            _html.Append("</tr></thead><tbody>");
            foreach (var group in byPurpose)
            {
                var purpose = input.Purposes.FirstOrDefault(p => p.Code == group.Key);
                _html.Append("<tr>");
                _html.Cell(overview[0], purpose?.Name(language) ?? T("Portal.Report.NoPurpose"));
                _html.Cell(overview[1], purpose is null ? "—" : T("Portal.Basis." + purpose.LegalBasis));
                _html.Cell(overview[2], purpose is null ? "—" : string.Join(", ", purpose.DataCategories.Distinct().Select(c => T("Portal.Cat." + c))));
                _html.Cell(overview[3], RetentionSummary(group.ToList()));
                _html.Cell(overview[4], purpose is null || string.IsNullOrWhiteSpace(purpose.Source) ? T("Portal.Report.SourceYou") : purpose.Source);
                _html.Append("</tr>");
            }
            _html.Append("</tbody></table></div>\n");

            // 3. The copy of the data, grouped by purpose (15(3)).
            _html.Section(T("Portal.Report.YourData"));
            _html.Para(T("Portal.Report.YourDataText"));
            var shown = new HashSet<RecordSet>();
            foreach (var group in byPurpose)
            {
                var purpose = input.Purposes.FirstOrDefault(p => p.Code == group.Key);
                _html.Append("<section class=\"purpose\">");
                _html.Tag("h3", purpose?.Name(language) ?? T("Portal.Report.NoPurpose"));
                if (purpose is not null)
                {
                    _html.Para(purpose.Description(language));
                    _html.Append("<dl class=\"facts\">");
                    _html.Fact(T("Portal.Report.LegalBasis"), T("Portal.Basis." + purpose.LegalBasis) + (purpose.Article9Condition is { Length: > 0 } a9 ? $" · {a9}" : ""));
                    _html.Fact(T("Portal.Report.Categories"), string.Join(", ", purpose.DataCategories.Distinct().Select(c => T("Portal.Cat." + c))));
                    _html.Fact(T("Portal.Report.Recipients"), purpose.Recipients.Count == 0 ? T("Portal.Report.NoRecipients") : string.Join("; ", purpose.Recipients.Select(RecipientText)));
                    _html.Fact(T("Portal.Report.Source"), string.IsNullOrWhiteSpace(purpose.Source) ? T("Portal.Report.SourceYou") : purpose.Source);
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
                    _html.Tag("h4", $"{T("Portal.Set." + line.Key)} ({records.Count})");
                    foreach (var reason in line.Select(l => CandidateText.Plain(l.Reason.For(language), language)).Where(r => r.Length > 0).Distinct())
                        _html.Para(reason, "reason");
                    copy.Render(line.Key, records);
                }
                if (seen.Count > 0)
                    _html.Para(T("Portal.Report.ShownAbove", string.Join(", ", seen)), "reason");
                _html.Append("</section>\n");
            }

            // 4. Recipients (c): registered recipients and the actual client companies from the client ledger.
            _html.Section(T("Portal.Report.Recipients"));
            var recipients = input.Purposes.Where(p => byPurpose.Any(g => g.Key == p.Code)).SelectMany(p => p.Recipients)
                .DistinctBy(r => r.Code).OrderBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.CurrentCulture).ToList();
            if (recipients.Count == 0)
            {
                _html.Para(T("Portal.Report.NoRecipients"));
            }
            else
            {
                _html.Append("<ul>");
                foreach (var r in recipients)
                    _html.Tag("li", RecipientText(r));
                _html.Append("</ul>");
            }
            _html.Tag("h3", T("Portal.Report.Clients"));
            var disclosures = candidate.ClientDisclosures.OrderBy(d => d.DisclosedOn).ToList();
            if (disclosures.Count == 0)
            {
                _html.Para(T("Portal.Report.NoClients"));
            }
            else
            {
                _html.Para(T("Portal.Report.ClientsText"));
                var heads = ClientHeads.Select(T).ToArray();
                _html.Append("<div class=\"table-wrap\"><table><thead><tr>");
                foreach (var h in heads)
                    _html.Tag("th", h);
                _html.Append("</tr></thead><tbody>");
                foreach (var d in disclosures)
                {
                    _html.Append("<tr>");
                    _html.Cell(heads[0], d.ClientCompany);
                    _html.Cell(heads[1], PortalFormat.Date(d.DisclosedOn));
                    _html.Cell(heads[2], copy.Value("What", d.What));
                    _html.Cell(heads[3], input.Purposes.FirstOrDefault(p => p.Code == d.PurposeCode)?.Name(language) ?? T("Portal.Report.NoPurpose"));
                    _html.Append("</tr>");
                }
                _html.Append("</tbody></table></div>\n");
            }

            // Transfers outside the EEA (15(2)).
            _html.Section(T("Portal.Report.Transfers"));
            var transfers = recipients.Where(r => !Eea.Contains((r.Country ?? "BE").ToUpperInvariant())).ToList();
            if (transfers.Count == 0)
            {
                _html.Para(T("Portal.Report.NoTransfers"));
            }
            else
            {
                _html.Append("<ul>");
                foreach (var r in transfers)
                    _html.Tag("li", $"{r.Name} ({r.Country}): {r.TransferSafeguard ?? T("Portal.Report.SafeguardUnknown")}");
                _html.Append("</ul>");
            }

            // Automated decisions (h).
            _html.Section(T("Portal.Report.Automated"));
            var automated = input.Purposes.Where(p => p.AutomatedDecisionMaking && byPurpose.Any(g => g.Key == p.Code)).ToList();
            _html.Para(automated.Count == 0
                ? T("Portal.Report.NoAutomated")
                : T("Portal.Report.Automated.Some", string.Join(", ", automated.Select(p => p.Name(language)))));

            // Redactions (ACC-6).
            if (given.Any(l => l.Outcome == PlanOutcome.GiveRedacted))
            {
                _html.Section(T("Portal.Report.Redactions"));
                _html.Para(T("Portal.Report.RedactionsText"));
                if (candidate.ProfessionalEmails.Any(e => string.IsNullOrWhiteSpace(e.RedactedExtract)))
                    _html.Para(T("Portal.Report.UnderReviewText", PortalFormat.Date(request.CurrentDueOn)), "warn");
            }

            // National register number: held, stored encrypted; never shown in full in a file that travels by e-mail link.
            if (!string.IsNullOrEmpty(candidate.NationalNumberEncrypted))
            {
                _html.Section(T("Portal.F.NationalNumberEncrypted"));
                _html.Para(T("Portal.Report.NationalNumber"));
            }
        }

        // Notes from the plan (retention freeze, etc.).
        if (plan.Notices.Count > 0)
        {
            _html.Section(T("Portal.Report.Notes"));
            _html.Append("<ul>");
            foreach (var notice in plan.Notices)
                _html.Tag("li", CandidateText.Plain(notice.For(language), language));
            _html.Append("</ul>");
        }

        // Rights (e) and complaint (f).
        _html.Section(T("Portal.Report.Rights"));
        _html.Append("<ul>");
        foreach (var right in new[] { "Rectification", "Erasure", "Restriction", "Objection", "Portability", "ConsentWithdrawal" })
            _html.Append("<li><strong>").Append(E(T("Right." + right))).Append("</strong>: ").Append(E(T("Right." + right + ".Text"))).Append("</li>");
        _html.Append("</ul>");
        _html.Section(T("Portal.Report.Complaint"));
        foreach (var line in EmailTemplates.ComplaintBlock(language).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            _html.Para(line.Trim());

        _html.Append("</main>\n</body>\n</html>\n");
        return _html.ToString();
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

    /// <summary>The short "in a nutshell" page before the detail (which data, why, from where, to whom, how long).</summary>
    private void RenderSummary(Input input, IReadOnlyList<string> purposeCodes, string language)
    {
        var purposes = input.Purposes.Where(p => purposeCodes.Contains(p.Code)).ToList();
        _html.Append("<section class=\"summary\" aria-labelledby=\"summary-title\">");
        _html.Append("<h2 id=\"summary-title\">").Append(E(T("Portal.Report.SummaryTitle"))).Append("</h2>");
        _html.Append("<dl class=\"facts\">");
        _html.Fact(T("Portal.Report.SummaryWhat"), string.Join(", ", purposes.SelectMany(p => p.DataCategories).Distinct().Select(c => T("Portal.Cat." + c))));
        _html.Fact(T("Portal.Report.SummaryWhy"), string.Join("; ", purposes.Select(p => p.Name(language))));
        var sources = purposes.Select(p => string.IsNullOrWhiteSpace(p.Source) ? T("Portal.Report.SourceYou") : p.Source!).Distinct().ToList();
        _html.Fact(T("Portal.Report.SummaryFrom"), string.Join("; ", sources));
        var recipients = purposes.SelectMany(p => p.Recipients).DistinctBy(r => r.Code).Select(r => r.Name).ToList();
        _html.Fact(T("Portal.Report.SummaryTo"), recipients.Count == 0 ? T("Portal.Report.NoRecipients") : string.Join(", ", recipients));
        var until = input.Plan.Lines.Where(l => l.Outcome is PlanOutcome.Give or PlanOutcome.GiveRedacted && l.KeepUntil is not null).Select(l => l.KeepUntil!.Value).DefaultIfEmpty().Max();
        _html.Fact(T("Portal.Report.SummaryHowLong"), until == default ? T("Portal.Report.RetentionSeeBelow") : T("Portal.Report.SummaryUntil", PortalFormat.Date(until)));
        _html.Append("</dl>");
        _html.Para(T("Portal.Report.SummaryRest"));
        _html.Append("</section>\n");
    }

    private string T(string key) => localizer[key].Value;

    private string T(string key, params object[] args) => localizer[key, args].Value;
}
