using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.IntegrationTests.Portal;
using PrivacyDesk.Web.Features.Mail;

namespace PrivacyDesk.IntegrationTests.Browser;

/// <summary>
/// Every candidate page in nl, fr and en at 1280×800 and 390×844 in Chromium: no leaks (CandidateLeaks), no
/// horizontal overflow, axe-core with zero violations of any impact; the same for the downloaded access report.
/// The completed access request shows its outcome and download, an old link says it was replaced, and a reload
/// after answering keeps the page. Screenshots for the reviewer go to TestResults/screenshots.
/// </summary>
public sealed class CandidatePagesBrowserTests(AppFixture app) : IntegrationTest(app)
{
    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Should_show_every_candidate_page_without_leaks_overflow_or_axe_violations(string language)
    {
        var (completed, token) = await CandidateWordsTests.CompletedAccessAsync(App, language, RequestType.Access, RequestType.Erasure);
        var completedUrl = CandidateWordsTests.StatusUrl(completed, token);
        var browser = await App.BrowserAsync();
        var problems = new List<string>();

        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            var page = await browser.NewPageAsync(BrowserHost.Locale(language), width, height);
            await page.GotoAsync($"/Language?c={language}&r=/");

            // A request from the form, waiting for an answer: the status page with its question.
            await page.GotoAsync("/Requests/New?type=Access");
            await page.FillAsync("#Data_FirstName", "Anne-Sophie");
            await page.FillAsync("#Data_LastName", "Vandenbroucke-D'Hondt");
            await page.FillAsync("#Data_Email", $"anne.{language}.{width}@example.be");
            await page.CheckAsync("#Data_ContactConsent");
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForURLAsync(u => u.Contains("/Requests/Submitted", StringComparison.Ordinal));
            var submittedUrl = new Uri(page.Url).PathAndQuery;
            await CheckAsync(page, submittedUrl, $"submitted {width}");
            var key = PortalTestKit.Query(submittedUrl, "key");
            var id = await App.WithDbAsync(db => db.Requests.Where(r => r.SubmissionKey == key).Select(r => r.Id).SingleAsync());
            var statusUrl = await PortalTestKit.LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Status", id);
            await AskAsync(id);

            foreach (var url in new[] { "/", "/Requests/New", "/Requests/New?type=Rectification", "/Requests/New?type=ConsentWithdrawal", "/Requests/Find", statusUrl, completedUrl })
                await CheckAsync(page, url, $"{url} {width}");

            // Answer the question: the page redirects to itself; a reload keeps it (no "not found", no second answer).
            await page.GotoAsync(statusUrl);
            await page.FillAsync("#Data_Message", "Mijn vorige adres was Kerkstraat 1, 9000 Gent.");
            await page.ClickAsync("form[action*='handler=Answer'] button[type=submit]");
            await page.WaitForLoadStateAsync();
            if (page.Url.Contains("handler=", StringComparison.Ordinal))
                problems.Add($"after answering the address bar still holds the POST URL: {page.Url}");
            var reload = await page.ReloadAsync();
            if (reload is null || !reload.Ok || await page.Locator("h1").TextContentAsync() is not { } h1 || !h1.Contains("PD-", StringComparison.Ordinal))
                problems.Add($"reload after answering: HTTP {reload?.Status}");
            if (await App.WithDbAsync(db => db.RequestMessages.CountAsync(m => m.RequestId == id && m.FromDataSubject)) != 1)
                problems.Add("the answer was stored more than once");

            // The completed access request: outcome per right and the download right there.
            await page.GotoAsync(completedUrl);
            if (await page.Locator(".outcomes li").CountAsync() != 2)
                problems.Add("completed request: no outcome per right");
            if (await page.Locator(".download-list a.button").CountAsync() != 1)
                problems.Add("completed request: no download button");
            if (width == 390 && language == "nl")
                await BrowserHost.ScreenshotAsync(page, "status-completed-nl-mobile");

            // The report itself, downloaded from the status page, opened in the browser.
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".download-list a.button").ClickAsync());
            var path = await download.PathAsync();
            var report = await File.ReadAllTextAsync(path!, Encoding.UTF8);
            var reportPage = await browser.NewPageAsync(BrowserHost.Locale(language), width, height);
            await reportPage.SetContentAsync(report);
            await CheckContentAsync(reportPage, $"access report {width}");
            if (language == "fr")
            {
                // The first screen (the summary) and the first purpose's detail, as the reader sees them.
                await reportPage.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDirectory, $"access-report-fr-{width}.png") });
                await reportPage.Locator("section.purpose").First.ScrollIntoViewIfNeededAsync();
                await reportPage.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDirectory, $"access-report-fr-{width}-detail.png") });
            }
            await reportPage.Context.CloseAsync();

            // An old link, replaced through "find my request" (at most one new link per ten minutes: let them pass).
            App.Clock.Advance(TimeSpan.FromMinutes(11));
            await page.GotoAsync("/Requests/Find");
            await page.FillAsync("#Data_Reference", completed.Reference);
            await page.FillAsync("#Data_Email", completed.RequesterEmail);
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForLoadStateAsync();
            // The old link keeps working until the new one is opened; then it says it was replaced.
            var newUrl = await PortalTestKit.LinkFromOutboxAsync(App, "status-link", "/Requests/Status", completed.Id);
            await page.GotoAsync(newUrl);
            var oldLink = await page.GotoAsync(completedUrl);
            if (oldLink?.Status != 410 || !(await page.Locator("h1").TextContentAsync() ?? "").Any())
                problems.Add($"old link: HTTP {oldLink?.Status}");
            await CheckContentAsync(page, $"replaced link {width}");
            if (width == 390 && language == "nl")
                await BrowserHost.ScreenshotAsync(page, "status-replaced-nl-mobile");
            completedUrl = newUrl;
            await page.Context.CloseAsync();
        }

        // The final answer e-mail as a reader sees it (its HTML part).
        var answer = await App.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.RequestId == completed.Id && m.Template.StartsWith("final-answer")).SingleAsync());
        var mail = await browser.NewPageAsync(BrowserHost.Locale(language), 390, 844);
        await mail.SetContentAsync(EmailHtml.Render(answer.Subject, answer.BodyText, answer.Language));
        await CheckContentAsync(mail, "final answer e-mail");
        await BrowserHost.ScreenshotAsync(mail, $"final-answer-{language}-mobile");
        await mail.Context.CloseAsync();

        Assert.True(problems.Count == 0, $"{problems.Count} problems ({language}):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

        async Task CheckAsync(IPage page, string url, string name)
        {
            var response = await page.GotoAsync(url);
            if (response is null || !response.Ok)
                problems.Add($"{name}: HTTP {response?.Status}");
            if (await page.GetAttributeAsync("html", "lang") != language)
                problems.Add($"{name}: html lang is not {language}");
            await CheckContentAsync(page, name);
        }

        async Task CheckContentAsync(IPage page, string name)
        {
            var text = await page.EvaluateAsync<string>("() => document.title + '\\n' + document.body.innerText");
            problems.AddRange(CandidateLeaks.Find(text, language).Select(p => $"{name}: {p}"));
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow > 0)
                problems.Add($"{name}: {overflow} px horizontal overflow; widest: {await WidestAsync(page)}");
            problems.AddRange((await AxeAllViolationsAsync(page)).Select(v => $"{name}: axe {v}"));
        }
    }

    /// <summary>The DPO asks the candidate a question (the status page then shows what to do and by when).</summary>
    private Task AskAsync(Guid id) => App.WithDbAsync(async db =>
    {
        var r = await db.Requests.Include(x => x.WaitingPeriods).SingleAsync(x => x.Id == id);
        var now = App.Clock.GetUtcNow();
        r.AskDataSubject(WaitingReason.Clarification, "Which address?", true, PrivacyDesk.Domain.Deadlines.BrusselsTime.ToBrusselsDate(now), now, "dpo@test");
        r.AddMessage(false, false, "dpo@test", "Welk postadres hebben wij van u?", now);
        await db.SaveChangesAsync();
        return 0;
    });

    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const w = document.documentElement.clientWidth; let worst = null, max = w;
          for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect(); if (r.right > max) { max = r.right; worst = el; } }
          return worst ? worst.tagName.toLowerCase() + (worst.className ? '.' + worst.className : '') + ' ' + Math.round(max) + 'px' : '-';
        }
        """);

    /// <summary>axe-core, every impact (minor and moderate too): the candidate pages have none.</summary>
    private static async Task<IReadOnlyList<string>> AxeAllViolationsAsync(IPage page)
    {
        var axe = Path.Combine(BrowserHost.RepositoryRoot(), "tests", "PrivacyDesk.IntegrationTests", "node_modules", "axe-core", "axe.min.js");
        await page.EvaluateAsync(await File.ReadAllTextAsync(axe));
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')));
            }
            """);
        return System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? [];
    }
}
