using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Api;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Packages;
using PrivacyDesk.Web.Features.Staff;
using static PrivacyDesk.IntegrationTests.Portal.PortalTestKit;

namespace PrivacyDesk.IntegrationTests.Security;

/// <summary>
/// Hostile input (docs/security.md), the other half of hostile input: what is legitimately stored (or slipped past validation) is
/// HTML-encoded on every page that shows it, and every CSV export neutralises spreadsheet formulas.
/// </summary>
public sealed class OutputEncodingAndCsvTests(AppFixture app) : ApiTest(app)
{
    private const string Script = "<script>alert(1)</script>";
    private const string Breakout = "\"><img src=x onerror=alert(1)>";
    private const string AttributeBreakout = "x\" onmouseover=\"alert(1)";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ImportPackAsync("asap");
    }

    [Fact]
    public async Task Should_html_encode_hostile_text_on_the_status_page_the_queue_and_the_request_detail()
    {
        // 1. Accepted legitimately: the API takes free text as it was written (a transcribed letter may contain anything).
        var client = await ClientAsync(Roles.Intake);
        var body = PostalErasure.Replace("\"details\": { }", $"\"description\": {System.Text.Json.JsonSerializer.Serialize("<b>Graag</b> " + Script + " javascript:alert(1)")}, \"details\": {{ \"explanation\": {System.Text.Json.JsonSerializer.Serialize(Breakout)}, \"sendToController\": \"javascript:alert(1)\" }}", StringComparison.Ordinal)
            .Replace("\"Peeters\"", "\"O'Brien-D'Hondt\"", StringComparison.Ordinal);
        var created = await ExpectAsync(await client.PostAsync("/api/v1/requests", Json(body)), HttpStatusCode.Created);
        var apiRequestId = (Guid)created["id"]!;

        // 2. Accepted legitimately through the portal: free text with quotes that would break out of an attribute.
        using var visitor = new HtmlSession(App);
        var (posted, _, _) = await SubmitNewAsync(visitor, Valid("Access").With("Data.Description", AttributeBreakout).With("Data.LastName", "O'Brien"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var webId = await App.WithDbAsync(db => db.Requests.Where(r => r.Channel == Channel.Web).Select(r => r.Id).SingleAsync());
        var statusUrl = await LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Status", webId);

        // 3. Slipped past validation (defence in depth): names, messages and an extension reason planted in the database.
        var planted = await App.AddRequestAsync(null, RequestType.Access, RequestType.Objection);
        await App.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"UPDATE requests SET requester_first_name = {Script}, requester_last_name = {Breakout}, requester_email = {"x\"onmouseover=\"alert(1)@example.be"}, description = {Script} WHERE id = {planted.Id}");
            var web = await db.Requests.Include(r => r.WaitingPeriods).SingleAsync(r => r.Id == webId);
            var now = App.Clock.GetUtcNow();
            web.AddMessage(false, false, "dpo@test", "Antwoord: " + Script + Breakout, now);
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE requests SET extended_due_on = due_on + 30, extension_reason = {Script} WHERE id = {web.Id}");
            return 0;
        });

        var pages = new List<(string Name, string Html)>();
        var (statusResponse, _) = await visitor.GetAsync(statusUrl);
        pages.Add(("status", await statusResponse.Content.ReadAsStringAsync()));
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);
        foreach (var url in new[] { "/Dpo/Queue", $"/Dpo/Requests/Details?id={apiRequestId}", $"/Dpo/Requests/Details?id={planted.Id}", "/Dpo/Audit" })
        {
            var (response, _) = await dpo.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            pages.Add((url, await response.Content.ReadAsStringAsync()));
        }

        foreach (var (name, html) in pages)
        {
            Assert.False(html.Contains("<script>alert", StringComparison.Ordinal), $"{name}: raw <script> in the page");
            Assert.False(html.Contains("<img src=x", StringComparison.Ordinal), $"{name}: raw <img onerror> in the page");
            Assert.False(html.Contains("<b>Graag", StringComparison.Ordinal), $"{name}: raw markup from the description");
            Assert.False(html.Contains("onmouseover=\"alert", StringComparison.Ordinal), $"{name}: an attribute was broken out of");
            Assert.False(html.Contains("href=\"javascript:", StringComparison.OrdinalIgnoreCase), $"{name}: a javascript: link");
        }
        // The hostile text was shown (encoded), not silently dropped.
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", pages.Single(p => p.Name == "status").Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", pages.Single(p => p.Name == "/Dpo/Queue").Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Graag&lt;/b&gt;", pages.Single(p => p.Name.Contains(apiRequestId.ToString(), StringComparison.Ordinal)).Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", pages.Single(p => p.Name.Contains(planted.Id.ToString(), StringComparison.Ordinal)).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_encode_hostile_candidate_data_in_the_access_report()
    {
        var candidate = await App.AddCandidateAsync(c =>
        {
            c.FirstName = Script;
            c.LastName = Breakout;
            c.City = "javascript:alert(1)";
            c.InterviewNotes[0].Note = "<iframe src=//evil.example></iframe>" + Script;
        });
        var request = await App.AddRequestAsync(candidate, RequestType.Access);
        await ApproveAsync(request.Id);

        await App.SendAsync(new BuildPackage.Command { RequestId = request.Id, SubRequestId = request.SubRequests.Single().Id }, Roles.Dpo);

        var html = Encoding.UTF8.GetString(await App.WithDbAsync(db => db.Packages.Select(p => p.Content).SingleAsync()));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase); // the report runs no script at all
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_carry_values_as_they_are_in_the_machine_readable_portability_csv()
    {
        var formulas = HostileCorpus.Strings.Where(h => h.Kind == HostileKind.Formula).Select(h => h.Value).ToList();
        var candidate = await App.AddCandidateAsync(c =>
        {
            c.FirstName = formulas[0];
            c.LastName = formulas[1];
            c.City = formulas[2];
            c.Street = formulas[3];
            c.PostalCode = "\r@1";
            c.WorkExperience[0].Employer = "=HYPERLINK(\"http://evil.example\",\"x\")";
            c.WorkExperience[0].JobTitle = "\t=1+1";
        });
        var request = await App.AddRequestAsync(candidate, RequestType.Portability);
        await ApproveAsync(request.Id);

        await App.SendAsync(new BuildPackage.Command { RequestId = request.Id, SubRequestId = request.SubRequests.Single().Id }, Roles.Dpo);

        using var zip = new ZipArchive(new MemoryStream(await App.WithDbAsync(db => db.Packages.Select(p => p.Content).SingleAsync())));
        var cells = new List<string>();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".csv", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            cells.AddRange(CsvCells(await reader.ReadToEndAsync()));
        }
        // PO-2: a machine-readable file carries the stored value; formula escaping is for the human-facing Art. 30 export.
        foreach (var formula in formulas.Append("\t=1+1").Append("\r@1"))
        {
            Assert.Contains(formula, cells);
            Assert.DoesNotContain("'" + formula, cells);
        }
        using var json = new StreamReader(zip.GetEntry("data.json")!.Open());
        Assert.Contains("\"=HYPERLINK(", (await json.ReadToEndAsync()).Replace("\\u0022", "\"", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_neutralise_spreadsheet_formulas_in_the_article_30_register_export()
    {
        var formulas = HostileCorpus.Strings.Where(h => h.Kind == HostileKind.Formula).Select(h => h.Value).ToList();
        await App.WithDbAsync(async db =>
        {
            var purposes = await db.Purposes.OrderBy(p => p.SortOrder).Take(4).ToListAsync();
            for (var i = 0; i < purposes.Count; i++)
            {
                purposes[i].NameNl = formulas[i];
                purposes[i].DescriptionNl = "\t" + formulas[i];
                purposes[i].Source = "\r" + formulas[i];
            }
            var recipient = await db.Recipients.OrderBy(r => r.Code).FirstAsync();
            recipient.Name = "=cmd|' /C calc'!A0";
            await db.SaveChangesAsync();
            return 0;
        });

        var csv = Encoding.UTF8.GetString(await App.SendAsync(new ExportArt30.Query { Language = "nl" }, Roles.Dpo)).TrimStart('\uFEFF');

        var cells = CsvCells(csv).ToList();
        Assert.All(cells, c => Assert.False(HostileCorpus.IsLiveFormula(c), $"live formula in the Art. 30 export: {c}"));
        foreach (var formula in formulas)
        {
            Assert.Contains("'" + formula, cells);
            Assert.Contains("'\t" + formula, cells);
        }
    }

    private Task ApproveAsync(Guid id) => App.WithDbAsync(async db =>
    {
        var r = await db.Requests.FirstAsync(x => x.Id == id);
        r.Decide(DecisionOutcome.Approved, null, App.Clock.GetUtcNow(), "dpo@test");
        await db.SaveChangesAsync();
        return 0;
    });

    /// <summary>RFC 4180 cells (quoted fields with doubled quotes and line breaks), unquoted.</summary>
    private static IEnumerable<string> CsvCells(string csv)
    {
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var ch = csv[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
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
            else if (ch is ',' or '\n' || (ch == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n'))
            {
                yield return cell.ToString();
                cell.Clear();
                if (ch == '\r')
                    i++;
            }
            else
            {
                cell.Append(ch);
            }
        }
        if (cell.Length > 0)
            yield return cell.ToString();
    }
}
