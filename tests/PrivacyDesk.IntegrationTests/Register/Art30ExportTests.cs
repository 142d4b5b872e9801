using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.DemoData;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Register;

/// <summary>
/// The Art. 30 export carries every item of Art. 30(1) GDPR for every purpose: (a) controller and DPO with contact
/// details, (b) purpose, (c) categories of data subjects and of personal data, (d) categories of recipients, (e)
/// third-country transfers and safeguards, (f) retention periods, (g) security measures.
/// </summary>
public sealed class Art30ExportTests(AppFixture app) : IntegrationTest(app)
{
    /// <summary>Art. 30(1)(a)–(g) as export columns; each must be filled on every row.</summary>
    private static readonly string[] Article30Columns =
    [
        "controller", "dpo", "purpose", "legal_basis", "data_subjects", "data_categories", "recipients", "third_countries_safeguards",
        "retention", "security_measures",
    ];

    [Fact]
    public async Task Should_fill_every_Art_30_1_column_for_every_purpose_of_the_asap_pack()
    {
        await App.ImportPackAsync("asap");

        var csv = Encoding.UTF8.GetString(await App.SendAsync(new ExportArt30.Query { Language = "nl" }, Roles.Dpo));

        Assert.StartsWith("\uFEFF", csv, StringComparison.Ordinal);
        var rows = Parse(csv.TrimStart('\uFEFF'), ',');
        Assert.Equal(ExportArt30.Columns, rows[0]);
        var purposes = await App.WithDbAsync(db => db.Purposes.CountAsync());
        Assert.Equal(purposes, rows.Count - 1);
        foreach (var row in rows.Skip(1))
        {
            Assert.Equal(rows[0].Count, row.Count);
            foreach (var column in Article30Columns)
                Assert.False(string.IsNullOrWhiteSpace(row[rows[0].IndexOf(column)]), $"{column} is empty for {row[2]}");
        }
        var cell = (string code, string column) => rows.Single(r => r[2] == code)[rows[0].IndexOf(column)];
        Assert.Contains("privacy@asap.be", cell("payroll", "controller"), StringComparison.Ordinal);
        Assert.Contains("Zuiderring 11, 3600 Genk", cell("payroll", "dpo"), StringComparison.Ordinal);
        Assert.Equal("Uitzendkrachten", cell("payroll", "data_subjects"));
        Assert.Equal("Contactpersonen in noodgevallen", cell("emergency-contact", "data_subjects"));
        // A US processor (Mailchimp) is named with its Chapter V safeguard; an EEA-only purpose says there is no transfer.
        Assert.Contains("(US):", cell("newsletter", "third_countries_safeguards"), StringComparison.Ordinal);
        Assert.Equal("Geen doorgifte buiten de EER", cell("payroll", "third_countries_safeguards"));
        Assert.Contains("Toegang enkel voor aangewezen medewerkers", cell("payroll", "security_measures"), StringComparison.Ordinal);
        Assert.Contains("jaar", cell("payroll", "retention"), StringComparison.Ordinal);
        // Labels, never enum names, in a Dutch file.
        foreach (var name in new[] { "LegalObligation", "LastWorkingDay", "PayrollRecords", "TemporaryWorkers", "Processor" })
            Assert.DoesNotContain(name, csv, StringComparison.Ordinal);
        Assert.Equal(BrusselsTime.Today(App.Clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cell("payroll", "register_date"));
    }

    [Fact]
    public async Task Should_write_a_semicolon_variant_for_excel_with_belgian_settings()
    {
        await App.ImportPackAsync("asap");
        await App.WithDbAsync(async db =>
        {
            var purpose = await db.Purposes.OrderBy(p => p.SortOrder).FirstAsync();
            purpose.NameFr = "=HYPERLINK(\"http://evil.example\";\"clic\")";
            return await db.SaveChangesAsync();
        });
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);
        await dpo.GetAsync("/Language?c=fr&r=/");
        var (_, register) = await dpo.GetAsync("/Dpo/Register");
        var link = register.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")!).Single(h => h.Contains("ExcelBelgium", StringComparison.Ordinal));

        var response = await dpo.Client.GetAsync(link);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var rows = Parse(text, ';');
        Assert.Equal(ExportArt30.Columns.Count, rows[0].Count);
        Assert.All(rows, r => Assert.Equal(ExportArt30.Columns.Count, r.Count));
        Assert.True(rows.Count > 2);
        var today = BrusselsTime.Today(App.Clock).ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);
        Assert.All(rows.Skip(1), r => Assert.Equal(today, r[^1]));
        // Formula escaping stays: this file is opened by people.
        Assert.Contains(rows, r => r[3] == "'=HYPERLINK(\"http://evil.example\";\"clic\")");
        Assert.DoesNotContain(rows.SelectMany(r => r), c => c.StartsWith('='));
    }

    [Fact]
    public async Task Should_take_data_subjects_and_security_measures_from_a_pack_or_derive_them()
    {
        var pack = JsonNode.Parse(PolicyPacks.Read("asap"))!;
        var payroll = pack["purposes"]!.AsArray().Single(p => (string?)p!["code"] == "payroll")!;
        payroll["dataSubjects"] = new JsonArray("TemporaryWorkers", "ClientContacts");
        payroll["securityMeasures"] = "Payroll data only in the social secretariat's portal.";
        var bad = JsonNode.Parse(pack.ToJsonString())!;
        bad["purposes"]!.AsArray().Single(p => (string?)p!["code"] == "payroll")!["dataSubjects"] = new JsonArray("Workers");

        var error = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new ImportPolicyPack.Command { Json = bad.ToJsonString() }, Roles.Admin));
        Assert.Contains(error.Errors, e => e.PropertyName.Contains("dataSubjects", StringComparison.OrdinalIgnoreCase));

        await App.SendAsync(new ImportPolicyPack.Command { Json = pack.ToJsonString() }, Roles.Admin);

        var purposes = await App.WithDbAsync(db => db.Purposes.AsNoTracking().ToDictionaryAsync(p => p.Code));
        Assert.Equal([DataSubjectCategory.TemporaryWorkers, DataSubjectCategory.ClientContacts], purposes["payroll"].DataSubjects);
        Assert.Equal("Payroll data only in the social secretariat's portal.", purposes["payroll"].SecurityMeasures);
        // Derived when the pack is silent.
        Assert.Equal([DataSubjectCategory.Candidates, DataSubjectCategory.ClientContacts], purposes["client-presentation"].DataSubjects);
        Assert.Equal([DataSubjectCategory.Enquirers], purposes["complaints"].DataSubjects);
        Assert.Null(purposes["complaints"].SecurityMeasures);
        var csv = Encoding.UTF8.GetString(await App.SendAsync(new ExportArt30.Query { Language = "en" }, Roles.Dpo));
        Assert.Contains("Payroll data only in the social secretariat's portal.", csv, StringComparison.Ordinal);
        Assert.Contains("Temporary workers; Client contacts", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_edit_data_subjects_and_security_measures_on_the_purpose_page_with_audit()
    {
        await App.ImportPackAsync("asap");
        var id = await App.WithDbAsync(db => db.Purposes.Where(p => p.Code == "complaints").Select(p => p.Id).SingleAsync());
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);
        var (_, form) = await dpo.GetAsync($"/Dpo/Register/Purpose?id={id}");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("input[name='Data.DataSubjects'][value='Enquirers']")!).IsChecked);
        // The session posts only the fields given (and hidden ones): the form's own values, one record set and category.
        var fields = new[] { "Data.Code", "Data.NameNl", "Data.NameFr", "Data.NameEn", "Data.Source" }
            .ToDictionary(n => n, n => ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector($"input[name='{n}']")!).Value);
        foreach (var n in new[] { "Data.DescriptionNl", "Data.DescriptionFr", "Data.DescriptionEn" })
            fields[n] = ((AngleSharp.Html.Dom.IHtmlTextAreaElement)form.QuerySelector($"textarea[name='{n}']")!).Value;
        fields["Data.LegalBasis"] = ((AngleSharp.Html.Dom.IHtmlSelectElement)form.QuerySelector("select[name='Data.LegalBasis']")!).Value!;
        fields["Data.RecordSets"] = "Complaints";
        fields["Data.DataCategories"] = "Complaint";

        var (rejected, errorPage) = await dpo.SubmitAsync(form, fields, "main form[method=post]");
        Assert.NotEqual(System.Net.HttpStatusCode.Redirect, rejected.StatusCode);
        // One message beside the field, in the page's language (Dutch by default).
        Assert.Equal("Vermeld minstens één categorie van betrokkenen (art. 30, lid 1, c) AVG).",
            errorPage.QuerySelector("[data-valmsg-for='Data.DataSubjects'].field-validation-error")!.TextContent.Trim());

        fields["Data.DataSubjects"] = "Candidates";
        fields["Data.SecurityMeasures"] = "Complaints are kept in a separate mailbox.";
        var (saved, _) = await dpo.SubmitAsync(form, fields, "main form[method=post]");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        var purpose = await App.WithDbAsync(db => db.Purposes.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal([DataSubjectCategory.Candidates], purpose.DataSubjects);
        Assert.Equal("Complaints are kept in a separate mailbox.", purpose.SecurityMeasures);
        var audit = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Type == "register.purpose-saved").Select(e => e.Data).SingleAsync());
        Assert.Contains("separate mailbox", audit, StringComparison.Ordinal);
    }

    /// <summary>RFC 4180 records with the given separator (quoted fields, doubled quotes, line breaks inside quotes).</summary>
    private static List<List<string>> Parse(string text, char separator)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(ch);
                }
            }
            else if (ch == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (ch == separator)
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (ch == '\n' || (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                if (ch == '\r')
                    i++;
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                cell.Append(ch);
            }
        }
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
