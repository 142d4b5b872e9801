using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Execution;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Audit;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>
/// A case with a full timeline (registered, verified, assigned, noted, extended, held, decided, carried out,
/// answered, closed) read by a DPO in Dutch and French on the case page and the audit page: every stored line
/// has a template of its own, and the leak detector finds no English word, enum name or resource key in them.
/// Screenshots at 1280×800 and 390×844.
/// </summary>
public sealed class CaseTimelineWordsBrowserTests(AppFixture app) : IntegrationTest(app)
{
    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    public async Task Should_show_every_line_of_a_full_case_timeline_and_the_audit_log_in_the_language(string language)
    {
        var (requestId, reference, holdId) = await FullCaseAsync(language);
        var events = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.RequestId == requestId || e.LegalHoldId == holdId).OrderBy(e => e.Sequence).Select(e => new { e.Type, e.Summary }).ToListAsync());
        foreach (var type in new[] { "identity.verified", "request.assigned", "request.extended", "hold.placed", "request.decided", "hold.blocked-erasure",
                     "execution.erasure", "request.final-answer-sent", "request.closed" })
            Assert.Contains(events, e => e.Type == type);
        // Every line the case wrote has its own template: none shows as the generic line.
        Assert.All(events, e => Assert.True(AuditDetail.Recognises(e.Type, e.Summary), $"{e.Type}: {e.Summary}"));

        var detector = new LeakDetector(language);
        var problems = new List<string>();
        var browser = await App.BrowserAsync();
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            var page = await SignInAsync(browser, language, width, height);
            foreach (var (url, name) in new[] { ($"/Dpo/Requests/Details?id={requestId}", "case"), ($"/Dpo/Audit?Reference={reference}", "audit"), ("/Dpo/Audit", "audit-all") })
            {
                var response = await page.GotoAsync(url);
                Assert.True(response is { Ok: true }, $"{url}: HTTP {response?.Status}");
                var text = await StaffWorkspaceBrowserTests.VisibleTextAsync(page);
                problems.AddRange(detector.Find(text).Select(p => $"{name} at {width} px: {p}"));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDirectory, $"timeline-{name}-{language}-{width}.png"), FullPage = name == "case" });
            }
            // The timeline's extension line carries the new due date in the page's format, not ISO.
            await page.GotoAsync($"/Dpo/Requests/Details?id={requestId}");
            if (language == "nl" && width == 1280)
            {
                // What a DPO sees on opening the case at 1280×800: the picture of the README.
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDirectory, "case.png") });
            }
            var timeline = await page.InnerTextAsync("#timeline");
            await page.Locator("#timeline").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDirectory, $"timeline-{language}-{width}.png") });
            Assert.DoesNotContain("Extended to", timeline, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", timeline);
            await page.Context.CloseAsync();
        }
        Assert.True(problems.Count == 0, $"{problems.Count} problems ({language}):{Environment.NewLine}{string.Join(Environment.NewLine, problems.Distinct())}");
    }

    private async Task<IPage> SignInAsync(BrowserHost browser, string language, int width, int height)
    {
        var email = $"dpo.timeline.{language}.{width}@test.local";
        await HtmlSession.CreateStaffAsync(App, email, Roles.Dpo);
        var page = await browser.NewPageAsync(BrowserHost.Locale(language), width, height);
        await page.GotoAsync($"/Language?c={language}&r=/Account/Login");
        await page.FillAsync("#Data_Email", email);
        await page.FillAsync("#Data_Password", HtmlSession.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>A former worker's erasure request through every step a case takes, with a hold on payroll; returns its id, reference and the hold.</summary>
    private async Task<(Guid RequestId, string Reference, Guid HoldId)> FullCaseAsync(string language)
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync(c => c.Email = $"oud.{language}@example.be");
        var holdId = await App.SendAsync(new PlaceLegalHold.Command
        {
            CandidateId = worker.Id, PurposeCodes = ["payroll"], Reason = LegalHoldReason.Litigation, ExternalReference = "AR Gent 26/1",
            Description = "Geschil over overuren", EndCondition = "Eindvonnis",
            ReviewOn = PrivacyDesk.Domain.Deadlines.BrusselsTime.ToBrusselsDate(App.Clock.GetUtcNow()).AddMonths(3),
        }, Roles.Dpo);
        var id = await StaffTestData.UnlinkedRequestAsync(App, worker, language, RequestType.Erasure);
        await App.SendAsync(new VerifyIdentity.Command { RequestId = id, CandidateId = worker.Id, Why = "Zelfde e-mailadres en geboortedatum", Method = "Identiteitskaart aan het loket" }, Roles.Dpo);
        await HtmlSession.CreateStaffAsync(App, $"collega.{language}@test.local", Roles.Dpo);
        await App.SendAsync(new AssignRequest.Command { RequestId = id, Assignee = $"collega.{language}@test.local" }, Roles.Dpo);
        await App.SendAsync(new AddInternalNote.Command { RequestId = id, Body = "Loonadministratie nagevraagd" }, Roles.Dpo);
        var request = await StaffTestData.LoadAsync(App, id);
        await App.SendAsync(new ExtendRequest.Command { RequestId = id, ReasonCode = "volume-systems", ReasonDetails = "Meerdere systemen", NewDueOn = request.MaxExtendedDueOn }, Roles.Dpo);
        await App.SendAsync(new DecideRequest.Command { RequestId = id, Outcome = DecisionOutcome.Approved }, Roles.Dpo);
        await App.SendAsync(new ExecutePlan.Command { RequestId = id }, Roles.BackOffice);
        await App.FinishTasksAsync(id);
        await App.SendAsync(new SendFinalAnswer.Command { RequestId = id }, Roles.BackOffice);
        await App.SendAsync(new CloseCase.Command { RequestId = id }, Roles.BackOffice);
        return (id, request.Reference, holdId);
    }
}
