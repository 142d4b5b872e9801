using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Execution;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>
/// The DPO and the back office in Chromium at 1280×800, in Dutch and French: no resource key, enum name
/// or English word on any staff page (LeakDetector), queue and case pages without horizontal scrolling,
/// a failed decision keeps its outcome, execution without confirmation changes nothing, the queue finds
/// a closed case by reference. Screenshots of the queue and case page (nl) for the README.
/// </summary>
public sealed class StaffWorkspaceBrowserTests(AppFixture app) : IntegrationTest(app)
{
    private sealed record Data(Guid InReview, Guid Approved, Guid Closed, string ClosedReference, Guid HoldId, Guid PurposeId, Guid RecipientId, Guid RuleId);

    [Fact]
    public void Should_build_a_detector_that_catches_keys_enum_names_and_english_words()
    {
        var nl = new LeakDetector("nl");
        Assert.True(nl.Size > 500, nl.ToString());
        Assert.NotEmpty(nl.Find("Status: PartiallyApproved"));
        Assert.NotEmpty(nl.Find("Formaat: Staff.Format.both"));
        Assert.NotEmpty(nl.Find("Record the decision"));
        Assert.NotEmpty(nl.Find("Wissen: CandidateProfile"));
        Assert.Empty(nl.Find("Gedeeltelijk goedgekeurd — Kandidaatprofiel: 3 records"));
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    public async Task Should_show_every_staff_page_in_the_language_and_fit_1280_pixels(string language)
    {
        var data = await SetUpAsync();
        var browser = await App.BrowserAsync();
        var detector = new LeakDetector(language);
        var problems = new List<string>();

        var dpo = await SignInAsync(browser, Roles.Dpo, language);
        foreach (var url in new[]
                 {
                     "/Staff", "/Dpo/Queue", $"/Dpo/Queue?Search={data.ClosedReference}", $"/Dpo/Requests/Details?id={data.InReview}",
                     $"/Dpo/Requests/Details?id={data.Approved}", $"/Dpo/Requests/Details?id={data.Closed}", "/Dpo/Requests/New", "/Dpo/LegalHolds",
                     $"/Dpo/LegalHolds/Details?id={data.HoldId}", "/Dpo/Register", $"/Dpo/Register/Purpose?id={data.PurposeId}",
                     $"/Dpo/Register/Recipient?id={data.RecipientId}", $"/Dpo/Register/Rule?id={data.RuleId}", "/Dpo/Dashboard", "/Dpo/Audit",
                 })
        {
            await CheckAsync(dpo, url, fit: url.Contains("Queue", StringComparison.Ordinal) || url.Contains("Details", StringComparison.Ordinal));
        }

        // The queue finds the closed case by its reference (typed as in a letter, lower case).
        await dpo.GotoAsync("/Dpo/Queue");
        await dpo.FillAsync("#q-search", data.ClosedReference.ToLowerInvariant());
        await dpo.ClickAsync("form.filters button[type=submit]");
        await dpo.WaitForURLAsync("**Search=**");
        Assert.Equal(1, await dpo.Locator("table.queue tbody tr").CountAsync());
        Assert.Contains(data.ClosedReference, await dpo.InnerTextAsync("table.queue"), StringComparison.Ordinal);

        // A decision with a validation error keeps the chosen outcome.
        await dpo.GotoAsync($"/Dpo/Requests/Details?id={data.InReview}");
        await dpo.CheckAsync("form.decide-form input[value=Refused]");
        await dpo.ClickAsync("form.decide-form button[type=submit]");
        await dpo.WaitForSelectorAsync("#decide-code-error");
        Assert.True(await dpo.IsCheckedAsync("form.decide-form input[value=Refused]"));
        Assert.False(await dpo.IsCheckedAsync("form.decide-form input[value=Approved]"));
        await CheckCurrentAsync(dpo, "decision with an error", fit: true);
        if (language == "nl")
        {
            // What a DPO sees on opening them at 1280×800 (not the whole scrolled page).
            await dpo.GotoAsync("/Dpo/Queue");
            await dpo.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDirectory, "staff-queue-nl.png") });
            await dpo.GotoAsync($"/Dpo/Requests/Details?id={data.InReview}");
            await dpo.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDirectory, "staff-case-nl.png") });
        }
        await dpo.Context.CloseAsync();

        var office = await SignInAsync(browser, Roles.BackOffice, language);
        foreach (var url in new[] { "/BackOffice/Tasks", $"/BackOffice/Cases/Details?id={data.Approved}" })
            await CheckAsync(office, url, fit: true);
        // Execution without confirmation changes nothing.
        await office.GotoAsync($"/BackOffice/Cases/Details?id={data.Approved}");
        await office.ClickAsync("form.execute-form button[type=submit]");
        await office.WaitForSelectorAsync("#confirm-error");
        await CheckCurrentAsync(office, "execution without confirmation", fit: true);
        var saved = await App.WithDbAsync(db => db.Requests.AsNoTracking().FirstAsync(r => r.Id == data.Approved));
        Assert.Equal(RequestStatus.Approved, saved.Status);
        Assert.Equal(0, await App.WithDbAsync(db => db.Tasks.CountAsync(t => t.RequestId == data.Approved)));
        await office.Context.CloseAsync();

        Assert.True(problems.Count == 0, $"{problems.Count} problems ({language}):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

        async Task CheckAsync(IPage page, string url, bool fit)
        {
            var response = await page.GotoAsync(url);
            if (response is null || !response.Ok)
                problems.Add($"{url}: HTTP {response?.Status}");
            await CheckCurrentAsync(page, url, fit);
        }

        async Task CheckCurrentAsync(IPage page, string name, bool fit)
        {
            problems.AddRange(detector.Find(await VisibleTextAsync(page)).Select(p => $"{name}: {p}"));
            if (fit)
            {
                var (scroll, inner) = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]") is [var s, var i] ? (s, i) : (0, 0);
                if (scroll > inner)
                    problems.Add($"{name}: {scroll} px wide at {inner} px");
            }
        }
    }

    /// <summary>What a reader sees or hears: the text, option texts, and titles/labels; not e-mail addresses or user-entered data marked translate=no.</summary>
    internal static Task<string> VisibleTextAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const parts = [document.title];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
            // Data marked translate=no (names, codes, texts people typed) and text declared in another language (lang) are not UI text.
            acceptNode: n => n.parentElement.closest('[translate=no], script, style')
              || n.parentElement.closest('[lang]') !== document.documentElement ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
          });
          while (walker.nextNode()) parts.push(walker.currentNode.nodeValue);
          for (const e of [...document.body.querySelectorAll('[title],[aria-label],[placeholder],[alt]')].filter(e => !e.closest('[translate=no]')))
            for (const a of ['title', 'aria-label', 'placeholder', 'alt']) if (e.getAttribute(a)) parts.push(e.getAttribute(a));
          return parts.join('\n').replace(/[\w.+-]+@[\w.-]+/g, ' ');
        }
        """);

    private async Task<IPage> SignInAsync(BrowserHost browser, string role, string language)
    {
        var email = $"{role.ToLowerInvariant()}.ws.{language}@test.local";
        await HtmlSession.CreateStaffAsync(App, email, role);
        var page = await browser.NewPageAsync(BrowserHost.Locale(language), 1280, 800);
        await page.GotoAsync($"/Language?c={language}&r=/Account/Login");
        await page.FillAsync("#Data_Email", email);
        await page.FillAsync("#Data_Password", HtmlSession.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>A request in review with its plan, an approved erasure waiting for execution, a closed case, a hold.</summary>
    private async Task<Data> SetUpAsync()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var worker = await App.AddFormerWorkerAsync(c => { c.ExternalReference = "ATS-WORKER"; c.Email = "werknemer@example.be"; });
        var inReview = await App.AddRequestAsync(candidate, RequestType.Access, RequestType.Erasure);
        var approved = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(approved.Id);
        var closed = await App.AddRequestAsync(candidate, RequestType.Access);
        await App.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE requests SET status = 'Closed', closed_at = now() WHERE id = {closed.Id}"));
        var holdId = await App.SendAsync(new PlaceLegalHold.Command
        {
            CandidateId = candidate.Id,
            PurposeCodes = ["payroll"],
            Reason = LegalHoldReason.Litigation,
            ExternalReference = "AR Gent 26/1",
            Description = "Geschil over overuren",
            EndCondition = "Eindvonnis",
            ReviewOn = PrivacyDesk.Domain.Deadlines.BrusselsTime.ToBrusselsDate(App.Clock.GetUtcNow()).AddMonths(3),
        }, Roles.Dpo);
        var (purposeId, recipientId, ruleId) = await App.WithDbAsync(async db => (
            await db.Purposes.OrderBy(p => p.SortOrder).Select(p => p.Id).FirstAsync(),
            await db.Recipients.OrderBy(r => r.Code).Select(r => r.Id).FirstAsync(),
            await db.RetentionRules.OrderBy(r => r.Code).Select(r => r.Id).FirstAsync()));
        return new Data(inReview.Id, approved.Id, closed.Id, closed.Reference, holdId, purposeId, recipientId, ruleId);
    }
}
