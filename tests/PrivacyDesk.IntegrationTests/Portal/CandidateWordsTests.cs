using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Execution;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Features.Packages;
using PrivacyDesk.Web.Infrastructure.Security;
using static PrivacyDesk.IntegrationTests.Portal.PortalTestKit;

namespace PrivacyDesk.IntegrationTests.Portal;

/// <summary>
/// What the candidate reads, in each language: every candidate page, e-mail template, the access report, the
/// final answer and the portability README are free of leaks (CandidateLeaks, docs/glossary.md); the status
/// page tells the story of a completed access request with its download; a replaced link says so; answering a
/// question redirects to the page itself (PRG).
/// </summary>
public sealed class CandidateWordsTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly HtmlParser Parser = new();

    /// <summary>A completed access request (with its report) in <paramref name="language"/>, its final answer sent, opened by a known status token.</summary>
    public static async Task<(DataSubjectRequest Request, string Token)> CompletedAccessAsync(AppFixture app, string language, params RequestType[] types)
    {
        await app.ImportPackAsync("asap");
        var worker = await app.AddFormerWorkerAsync(c => c.Email = $"worker.{language}.{Guid.NewGuid():N}@example.be");
        var request = await app.AddRequestAsync(worker, types.Length == 0 ? [RequestType.Access] : types);
        var token = Tokens.New();
        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE requests SET language = {0}, status_token_hash = {1} WHERE id = {2}", language, Tokens.Hash(token), request.Id);
            return 0;
        });
        await app.DecideAsync(request.Id);
        await app.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);
        await app.FinishTasksAsync(request.Id); // ER-10: the answer follows the finished work
        await app.SendAsync(new SendFinalAnswer.Command { RequestId = request.Id }, Roles.BackOffice);
        return (await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.SubRequests).FirstAsync(r => r.Id == request.Id)), token);
    }

    public static string StatusUrl(DataSubjectRequest request, string token) =>
        $"/Requests/Status?r={Uri.EscapeDataString(request.Reference)}&t={Uri.EscapeDataString(token)}";

    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Should_show_a_completed_access_request_with_its_steps_outcome_and_download(string language)
    {
        var (request, token) = await CompletedAccessAsync(App, language, RequestType.Access, RequestType.Erasure);
        using var session = new HtmlSession(App);
        await session.GetAsync($"/Language?c={language}&r=/");

        var (response, page) = await session.GetAsync(StatusUrl(request, token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(request.Reference, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(request.Reference, page.Title, StringComparison.Ordinal); // the title was "Uw verzoek {0}"
        Assert.DoesNotContain("{0}", page.Title, StringComparison.Ordinal);
        Assert.Equal(5, page.QuerySelectorAll(".progress-steps li").Length);
        Assert.Equal(5, page.QuerySelectorAll(".progress-steps li.done").Length + page.QuerySelectorAll(".progress-steps li.current").Length);
        Assert.NotNull(page.QuerySelector(".progress-steps li:last-child[aria-current=step]")); // answered
        Assert.Equal(2, page.QuerySelectorAll(".outcomes li").Length); // one line per right, in words
        var download = page.QuerySelector(".download-list a.button")!;
        var file = await session.Client.GetAsync(WebUtility.HtmlDecode(download.GetAttribute("href")!));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var report = await file.Content.ReadAsStringAsync();
        Assert.Contains($"<html lang=\"{language}\"", report, StringComparison.Ordinal);
        Assert.Equal(1, await App.WithDbAsync(db => db.Packages.Where(p => p.RequestId == request.Id).SumAsync(p => p.DownloadCount)));
        AssertNoLeaks(page.Body!.TextContent, language, "status page");
        AssertNoLeaks(page.Title ?? "", language, "status page title");
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Should_write_the_access_report_and_the_final_answer_without_codes_keys_or_rule_ids(string language)
    {
        var (request, _) = await CompletedAccessAsync(App, language, RequestType.Access, RequestType.Erasure);

        var html = Encoding.UTF8.GetString(await App.WithDbAsync(db => db.Packages.Where(p => p.RequestId == request.Id).Select(p => p.Content).SingleAsync()));
        var report = Parser.ParseDocument(html);
        var answer = await App.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.RequestId == request.Id && m.Template.StartsWith("final-answer")).SingleAsync());

        AssertNoLeaks(report.Body!.TextContent, language, "access report");
        AssertNoLeaks(answer.Subject + "\n" + answer.BodyText, language, "final answer");
        // A one-page summary comes first; each kind of data appears once; tables are not scroll regions.
        Assert.Equal("summary-title", report.QuerySelectorAll("main h2")[1].Id); // right after the yes/no confirmation
        Assert.DoesNotContain("overflow-x:auto", html, StringComparison.Ordinal);
        Assert.All(report.QuerySelectorAll("td"), td => Assert.False(string.IsNullOrEmpty(td.GetAttribute("data-label")), "a cell without its column name"));
        var setHeadings = report.QuerySelectorAll("section.purpose h4").Select(h => h.TextContent[..h.TextContent.LastIndexOf(" (", StringComparison.Ordinal)]).ToList();
        Assert.Equal(setHeadings.Distinct().Count(), setHeadings.Count);
        // The final answer: the complaint route in the reader's terms, an HTML part with the same words.
        Assert.Contains(language switch { "nl" => "Gegevensbeschermingsautoriteit", "fr" => "Autorité de protection des données", _ => "Data Protection Authority" }, answer.BodyText, StringComparison.Ordinal);
        var htmlPart = EmailHtml.Render(answer.Subject, answer.BodyText, language);
        Assert.Contains($"<html lang=\"{language}\"", htmlPart, StringComparison.Ordinal);
        Assert.Equal(Parser.ParseDocument(htmlPart).Body!.TextContent.Count(char.IsLetter), (answer.Subject + answer.BodyText).Count(char.IsLetter)); // same words
        var dispatcher = App.Factory.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchDueAsync(50, CancellationToken.None) > 0)
        {
            // Until the outbox is empty.
        }
        var eml = Directory.GetFiles(App.MailPickupDirectory, "*.eml").Select(File.ReadAllText).Single(f => f.Contains("X-PrivacyDesk-Message: " + answer.Id, StringComparison.Ordinal));
        Assert.Contains("multipart/alternative", eml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type: text/plain", eml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type: text/html", eml, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("en")]
    public void Should_render_every_e_mail_template_without_leaks(string language)
    {
        var templates = App.Factory.Services.GetRequiredService<EmailTemplates>();
        var problems = new List<string>();
        foreach (var name in templates.Names)
        {
            var values = new Dictionary<string, string>();
            var raw = templates.Languages(name)[language];
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(raw.Subject + raw.Body, @"\{([A-Za-z][A-Za-z0-9]*)\}"))
                values[m.Groups[1].Value] = "x";
            var text = templates.Render(name, language, values);
            problems.AddRange(CandidateLeaks.Find(text.Subject + "\n" + text.Body, language).Select(p => $"{name}: {p}"));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Should_keep_the_portability_readme_free_of_leaks(string language)
    {
        var (request, _) = await CompletedAccessAsync(App, language, RequestType.Portability);

        var zip = await App.WithDbAsync(db => db.Packages.Where(p => p.RequestId == request.Id && p.Kind == PrivacyDesk.Domain.Operations.PackageKind.PortabilityArchive).Select(p => p.Content).SingleAsync());
        using var archive = new ZipArchive(new MemoryStream(zip));
        using var reader = new StreamReader(archive.GetEntry("README.txt")!.Open());

        AssertNoLeaks(await reader.ReadToEndAsync(), language, "README.txt");
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Should_render_every_candidate_page_without_leaks(string language)
    {
        var (request, token) = await CompletedAccessAsync(App, language);
        using var session = new HtmlSession(App);
        await session.GetAsync($"/Language?c={language}&r=/");
        var (submitted, _, key) = await SubmitNewAsync(session, Valid("Access", "Erasure", "ConsentWithdrawal").With("Data.Language", language).Plus("Data.ConsentAll", "true"));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var web = await App.WithDbAsync(db => db.Requests.Where(r => r.SubmissionKey == key).Select(r => r.Id).SingleAsync());
        var waitingStatus = await LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Status", web);
        var verify = await LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Verify", web);

        var problems = new List<string>();
        foreach (var url in new[]
                 {
                     "/", "/Requests/New", "/Requests/New?type=Rectification", "/Requests/New?type=ConsentWithdrawal", "/Requests/New?type=Restriction",
                     $"/Requests/Submitted?key={key}", waitingStatus, verify, StatusUrl(request, token), "/Requests/Find",
                     "/Requests/Status?r=PD-2026-999999&t=x", "/Requests/Download?t=x",
                 })
        {
            var (_, page) = await session.GetAsync(url);
            problems.AddRange(CandidateLeaks.Find(page.Title + "\n" + page.Body!.TextContent, language).Select(p => $"{url}: {p}"));
        }
        // The form's own error state (every required field missing).
        var (_, errors, _) = await SubmitNewAsync(session, []);
        problems.AddRange(CandidateLeaks.Find(errors.Body!.TextContent, language).Select(p => $"/Requests/New (errors): {p}"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Should_say_an_old_link_was_replaced_and_how_to_get_the_current_one()
    {
        var (request, token) = await CompletedAccessAsync(App, "nl");
        using var session = new HtmlSession(App);
        var (_, find) = await session.GetAsync("/Requests/Find");
        var worker = await App.WithDbAsync(db => db.Requests.Where(r => r.Id == request.Id).Select(r => r.RequesterEmail).SingleAsync());
        await PostFormAsync(session, find, [new("Data.Reference", request.Reference), new("Data.Email", worker)]);
        var fresh = await LinkFromOutboxAsync(App, "status-link", "/Requests/Status", request.Id);

        // Asking for a link does not cut the old one off (anyone knowing reference and e-mail can ask); opening
        // the new one replaces it, and from then on the old one says so.
        var (stillValid, _) = await session.GetAsync(StatusUrl(request, token));
        var (newResponse, _) = await session.GetAsync(fresh);
        var (oldResponse, old) = await session.GetAsync(StatusUrl(request, token));
        var (unknownResponse, unknown) = await session.GetAsync(StatusUrl(request, "not-the-token"));

        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, oldResponse.StatusCode);
        Assert.Contains("vervangen", old.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(old.QuerySelector("main a[href='/Requests/Find']"));
        Assert.Equal(HttpStatusCode.OK, newResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownResponse.StatusCode); // a wrong token still reveals nothing
        Assert.DoesNotContain("vervangen", unknown.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_redirect_to_the_status_page_after_an_answer_so_a_reload_keeps_the_page()
    {
        using var session = new HtmlSession(App);
        await App.ImportPackAsync("asap");
        var (_, _, key) = await SubmitNewAsync(session, Valid("Access"));
        var id = await App.WithDbAsync(db => db.Requests.Where(r => r.SubmissionKey == key).Select(r => r.Id).SingleAsync());
        var statusUrl = await LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Status", id);
        await App.WithDbAsync(async db =>
        {
            var r = await db.Requests.Include(x => x.WaitingPeriods).SingleAsync(x => x.Id == id);
            var now = App.Clock.GetUtcNow();
            r.AskDataSubject(WaitingReason.Clarification, "Which period?", true, PrivacyDesk.Domain.Deadlines.BrusselsTime.ToBrusselsDate(now), now, "dpo@test");
            await db.SaveChangesAsync();
            return 0;
        });
        var (_, page) = await session.GetAsync(statusUrl);
        Assert.NotNull(page.QuerySelector(".now"));

        var (posted, _) = await PostFormAsync(session, page, [new("Data.Message", "Van 2019 tot 2021.")], "form[action*='handler=Answer']");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode); // PRG: no POST URL left in the address bar
        var location = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/Requests/Status?", location, StringComparison.Ordinal);
        Assert.DoesNotContain("handler", location, StringComparison.Ordinal);
        var (reloaded, again) = await session.GetAsync(location);
        var (reloadedTwice, _) = await session.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reloadedTwice.StatusCode);
        Assert.NotNull(again.QuerySelector(".flash[role=status]"));
        Assert.Equal(1, await App.WithDbAsync(db => db.RequestMessages.CountAsync(m => m.RequestId == id && m.FromDataSubject)));
    }

    private static void AssertNoLeaks(string text, string language, string where)
    {
        var problems = CandidateLeaks.Find(text, language);
        Assert.True(problems.Count == 0, $"{where} ({language}):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }
}
