using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Execution;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.IntegrationTests.Portal;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Packages;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Browser;

/// <summary>
/// Accessibility (docs/security.md): axe-core (npm) in Chromium on every public page and the main staff pages, in nl, fr and en
/// (switched with /Language), each staff page signed in through the login page as the role that uses it.
/// No serious or critical violation anywhere. One browser for all (the fixture's), one context per role.
/// </summary>
public sealed class AccessibilityTests(AppFixture app) : IntegrationTest(app)
{
    private sealed record Data(Guid RequestId, Guid CaseId, Guid HoldId, Guid PurposeId, Guid RecipientId, Guid RuleId,
        string StatusUrl, string VerifyUrl, string DownloadUrl, string SubmittedUrl);

    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Should_have_no_serious_or_critical_violations_on_any_public_or_staff_page(string language)
    {
        var data = await SetUpAsync();
        var browser = await App.BrowserAsync();
        await AssertAxeFindsAKnownViolationAsync(browser);
        var problems = new List<string>();
        var checkedPages = 0;

        // The public side, anonymous, on a phone.
        var visitor = await browser.NewPageAsync(BrowserHost.Locale(language), 390, 844);
        await visitor.GotoAsync($"/Language?c={language}&r=/");
        foreach (var url in new[]
                 {
                     "/", "/Requests/New", "/Requests/New?type=Rectification", data.SubmittedUrl, data.VerifyUrl, "!/Requests/Verify?r=PD-2026-999999&t=x",
                     data.StatusUrl, "!/Requests/Status?r=PD-2026-999999&t=x", "/Requests/Find", data.DownloadUrl, "!/Requests/Download?t=x",
                     "/Account/Login", "!/no-such-page",
                 })
        {
            await CheckAsync(visitor, url);
        }
        await visitor.GotoAsync("/Requests/Find");
        await visitor.ClickAsync("main button[type=submit]"); // the error state
        await CheckCurrentAsync(visitor, "/Requests/Find (errors)");
        await visitor.Context.CloseAsync();

        // Staff, each role through the login page, on a laptop.
        foreach (var (role, urls) in new (string, string[])[]
                 {
                     (Roles.Dpo,
                     [
                         "/Staff", "/Dpo/Queue", $"/Dpo/Requests/Details?id={data.RequestId}", "/Dpo/Requests/New", "/Dpo/LegalHolds", "/Dpo/LegalHolds/Place",
                         $"/Dpo/LegalHolds/Details?id={data.HoldId}", "/Dpo/Register", $"/Dpo/Register/Purpose?id={data.PurposeId}",
                         $"/Dpo/Register/Recipient?id={data.RecipientId}", $"/Dpo/Register/Rule?id={data.RuleId}", "/Dpo/Dashboard", "/Dpo/Audit", "/Staff/TwoFactor",
                     ]),
                     (Roles.BackOffice, ["/BackOffice/Tasks", $"/BackOffice/Cases/Details?id={data.CaseId}", $"/BackOffice/Cases/Close?id={data.CaseId}"]),
                     (Roles.Admin, ["/Admin/Staff", "/Admin/ApiKeys", "/Admin/SignIns", "/Admin/SignInFailures", "!/Dpo/Queue"]), // "!": an error page on purpose (here the 403)
                 })
        {
            var page = await SignInAsync(browser, role, language);
            foreach (var url in urls)
                await CheckAsync(page, url);
            await page.Context.CloseAsync();
        }

        Assert.True(checkedPages >= 34, $"only {checkedPages} pages checked");
        Assert.True(problems.Count == 0, $"{problems.Count} problems on {checkedPages} pages ({language}):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

        async Task CheckAsync(IPage page, string url)
        {
            // The error pages are checked on purpose ("!"); every other page must really be there (not an error page that passes axe).
            var expectError = url.StartsWith('!');
            url = url.TrimStart('!');
            var response = await page.GotoAsync(url);
            if (response is null || response.Ok == expectError)
                problems.Add($"{url}: HTTP {response?.Status}");
            await CheckCurrentAsync(page, url);
        }

        async Task CheckCurrentAsync(IPage page, string name)
        {
            checkedPages++;
            var lang = await page.GetAttributeAsync("html", "lang");
            if (lang != language)
                problems.Add($"{name}: html lang is {lang}");
            if (string.IsNullOrWhiteSpace(await page.TitleAsync()))
                problems.Add($"{name}: no page title");
            problems.AddRange((await BrowserHost.AxeSeriousViolationsAsync(page)).Select(v => $"{name}: {v}"));
        }
    }

    /// <summary>The check itself can fail: an image without alternative text is a critical violation.</summary>
    private static async Task AssertAxeFindsAKnownViolationAsync(BrowserHost browser)
    {
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main><h1>t</h1><img src=\"x.png\"></main></body></html>");
        Assert.Contains(await BrowserHost.AxeSeriousViolationsAsync(page), v => v.StartsWith("image-alt", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignInAsync(BrowserHost browser, string role, string language)
    {
        var email = $"{role.ToLowerInvariant()}.a11y.{language}@test.local";
        await HtmlSession.CreateStaffAsync(App, email, role);
        var page = await browser.NewPageAsync(BrowserHost.Locale(language));
        await page.GotoAsync($"/Language?c={language}&r=/Account/Login");
        await page.FillAsync("#Data_Email", email);
        await page.FillAsync("#Data_Password", HtmlSession.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Something on every page: a request in review with its plan, a case with open tasks, a hold, a package, a verification link.</summary>
    private async Task<Data> SetUpAsync()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var worker = await App.AddFormerWorkerAsync(c => { c.ExternalReference = "ATS-WORKER"; c.Email = "worker@example.be"; });
        var inReview = await App.AddRequestAsync(candidate, RequestType.Access, RequestType.Erasure);
        var executed = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(executed.Id);
        await App.SendAsync(new ExecutePlan.Command { RequestId = executed.Id }, Roles.BackOffice);
        var holdId = await App.SendAsync(new PlaceLegalHold.Command
        {
            CandidateId = candidate.Id,
            PurposeCodes = ["payroll"],
            Reason = LegalHoldReason.Litigation,
            ExternalReference = "AR Gent 26/1",
            Description = "Claim about overtime",
            EndCondition = "Final judgment",
            ReviewOn = PrivacyDesk.Domain.Deadlines.BrusselsTime.ToBrusselsDate(App.Clock.GetUtcNow()).AddMonths(3),
        }, Roles.Dpo);

        // A portal request waiting for proof of identity (the status page with its answer and upload form), and its links.
        using var session = new HtmlSession(App);
        var (submitted, _, key) = await PortalTestKit.SubmitNewAsync(session, PortalTestKit.Valid("Access"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, submitted.StatusCode);
        var web = await App.WithDbAsync(db => db.Requests.Where(r => r.SubmissionKey == key).Select(r => r.Id).SingleAsync());
        var statusUrl = await PortalTestKit.LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Status", web);
        var verifyUrl = await PortalTestKit.LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Verify", web);
        await App.WithDbAsync(async db =>
        {
            var r = await db.Requests.Include(x => x.WaitingPeriods).SingleAsync(x => x.Id == web);
            var now = App.Clock.GetUtcNow();
            r.AskDataSubject(WaitingReason.Identity, "Same name as another candidate.", true, PrivacyDesk.Domain.Deadlines.BrusselsTime.ToBrusselsDate(now), now, "dpo@test");
            r.AddMessage(false, false, "dpo@test", "Welk postadres hebben wij van u?", now);
            await db.SaveChangesAsync();
            return 0;
        });

        // An access report ready for download.
        var access = await App.AddRequestAsync(candidate, RequestType.Access);
        await App.DecideAsync(access.Id);
        await App.SendAsync(new BuildPackage.Command { RequestId = access.Id, SubRequestId = access.SubRequests.Single().Id }, Roles.Dpo);
        var downloadUrl = await PortalTestKit.LinkFromOutboxAsync(App, "download-ready", "/Requests/Download", access.Id);

        var (purposeId, recipientId, ruleId) = await App.WithDbAsync(async db => (
            await db.Purposes.OrderBy(p => p.SortOrder).Select(p => p.Id).FirstAsync(),
            await db.Recipients.OrderBy(r => r.Code).Select(r => r.Id).FirstAsync(),
            await db.RetentionRules.OrderBy(r => r.Code).Select(r => r.Id).FirstAsync()));
        return new Data(inReview.Id, executed.Id, holdId, purposeId, recipientId, ruleId, statusUrl, verifyUrl, downloadUrl, $"/Requests/Submitted?key={key}");
    }
}
