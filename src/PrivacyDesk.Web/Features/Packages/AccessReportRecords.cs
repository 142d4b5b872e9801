using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Features.Portal;
using static PrivacyDesk.Web.Features.Packages.ReportHtml;

namespace PrivacyDesk.Web.Features.Packages;

/// <summary>
/// The copy of the data in the access report (Art. 15(3)): one record set's records as a table, or as labelled
/// cards when they have many fields, with their uploaded files embedded; professional e-mails as their
/// redacted extract (ACC-6). Values read in the reader's language.
/// </summary>
public sealed class AccessReportRecords(StringBuilder html, IStringLocalizer localizer)
{
    private static readonly string[] EmailHeads = ["Portal.F.SentAt", "Portal.F.ClientCompany", "Portal.Report.Extract"];

    private readonly StringBuilder _html = html;

    public void Render(RecordSet set, IReadOnlyList<object> records)
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
                    _html.Fact(labels[i], Display(fields[i].Name, fields[i].GetValue(record)));
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
            _html.Tag("th", label);
        var hasFiles = records.Any(r => CandidateRecords.FileOf(r) is not null);
        if (hasFiles)
            _html.Tag("th", T("Portal.Report.File"));
        _html.Append("</tr></thead><tbody>");
        foreach (var record in records)
        {
            _html.Append("<tr>");
            for (var i = 0; i < fields.Count; i++)
                _html.Cell(labels[i], Display(fields[i].Name, fields[i].GetValue(record)));
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
            _html.Tag("th", h);
        _html.Append("</tr></thead><tbody>");
        foreach (var mail in emails.OrderBy(e => e.SentAt))
        {
            _html.Append("<tr>");
            _html.Cell(heads[0], PortalFormat.DateTime(mail.SentAt));
            _html.Cell(heads[1], mail.ClientCompany ?? "—");
            if (string.IsNullOrWhiteSpace(mail.RedactedExtract))
                _html.Append("<td class=\"under-review\" data-label=\"").Append(E(heads[2])).Append("\">").Append(E(T("Portal.Report.UnderReview"))).Append("</td>");
            else
                _html.Cell(heads[2], mail.RedactedExtract);
            _html.Append("</tr>");
        }
        _html.Append("</tbody></table></div>\n");
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
    public string Value(string field, string text)
    {
        var key = $"Portal.Value.{field}.{text}";
        var localized = localizer[key];
        return localized.ResourceNotFound ? text : localized.Value;
    }

    private static string SafeContentType(string contentType) =>
        contentType is "application/pdf" or "image/jpeg" or "image/png" or "application/msword" or "text/plain"
            or "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ? contentType
            : "application/octet-stream";

    private string T(string key) => localizer[key].Value;

    private string T(string key, params object[] args) => localizer[key, args].Value;
}
