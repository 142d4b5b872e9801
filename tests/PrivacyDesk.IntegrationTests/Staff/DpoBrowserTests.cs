using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>The DPO's day in Chromium: sign in, filter the queue, open, verify, read the plan, approve; place and lift a hold.</summary>
public sealed class DpoBrowserTests(AppFixture app) : IntegrationTest(app)
{
    private const string Email = "dpo.browser@test.local";

    private async Task<IPage> SignedInPageAsync()
    {
        await HtmlSession.CreateStaffAsync(App, Email, Roles.Dpo);
        var browser = await App.BrowserAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Data_Email", Email);
        await page.FillAsync("#Data_Password", HtmlSession.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/Dpo/Queue");
        return page;
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await BrowserHost.AxeSeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task Should_let_the_dpo_filter_open_verify_read_the_plan_and_approve()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var id = await StaffTestData.UnlinkedRequestAsync(App, candidate, "nl", RequestType.Access, RequestType.Erasure);
        var other = await App.AddCandidateAsync(c => { c.ExternalReference = "ATS-OTHER"; c.Email = "other.person@example.be"; }, seed: 11);
        await App.AddRequestAsync(other, RequestType.Portability);
        await App.AddRequestAsync(null, RequestType.Objection);
        var page = await SignedInPageAsync();

        await page.SelectOptionAsync("#q-type", "Erasure");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync("**Type=Erasure**");
        Assert.Equal(1, await page.Locator("table.queue tbody tr").CountAsync());
        await BrowserHost.ScreenshotAsync(page, "dpo-queue");
        await AssertAccessibleAsync(page);

        await page.ClickAsync("table.queue tbody tr a");
        await page.WaitForURLAsync("**/Dpo/Requests/Details**");
        Assert.Contains("Zelfde e-mailadres", await page.InnerTextAsync("table.matches"), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        await page.SelectOptionAsync("form.verify-form select", "Knowledge check (ID-4 step 3)");
        await page.ClickAsync("form.verify-form button");
        // The plan's outcome groups are collapsed: their lines are there, one click away.
        await page.WaitForSelectorAsync("#plan details.plan-group");
        Assert.True(await page.Locator("ul.plan li").CountAsync() > 0);
        Assert.Contains("art.", await page.TextContentAsync("#plan") ?? "", StringComparison.OrdinalIgnoreCase);
        await BrowserHost.ScreenshotAsync(page, "dpo-request-detail");
        await AssertAccessibleAsync(page);

        await page.CheckAsync("form.decide-form input[value=Approved]");
        await page.ClickAsync("form.decide-form button[type=submit]");
        await page.WaitForSelectorAsync("p.flash");
        Assert.Contains("Goedgekeurd", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Approved, await App.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));

        await page.GotoAsync("/Dpo/Dashboard");
        Assert.True(await page.Locator("figure.chart svg").CountAsync() >= 3);
        await BrowserHost.ScreenshotAsync(page, "dpo-dashboard");
        await AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Should_let_the_dpo_place_and_lift_a_legal_hold()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        await App.AddRequestAsync(candidate, RequestType.Erasure);
        var page = await SignedInPageAsync();

        await page.GotoAsync("/Dpo/LegalHolds/Place");
        await page.FillAsync("#cand-search", candidate.LastName);
        await page.ClickAsync("form.filters button[type=submit]");
        await page.CheckAsync("input[name='Data.CandidateId']");
        await page.CheckAsync("input[name='Data.PurposeCodes'][value=payroll]");
        await page.SelectOptionAsync("#Data_Reason", "Litigation");
        await page.FillAsync("#Data_ExternalReference", "AR Antwerpen 24/77");
        await page.FillAsync("#Data_Description", "Claim about unpaid overtime");
        await page.FillAsync("#Data_EndCondition", "Final judgment plus appeal period");
        await BrowserHost.ScreenshotAsync(page, "dpo-hold-place");
        await AssertAccessibleAsync(page);
        await page.ClickAsync("main form[method=post] button[type=submit]");
        await page.WaitForURLAsync("**/Dpo/LegalHolds/Details**");
        Assert.Contains("AR Antwerpen 24/77", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        await page.GotoAsync("/Dpo/Queue");
        Assert.Contains("Bewaarplicht", await page.InnerTextAsync("table.queue"), StringComparison.Ordinal);
        await page.GoBackAsync();

        await page.FillAsync("#lift-reason", "Claim withdrawn.");
        await page.ClickAsync("form.lift-form button");
        await page.WaitForSelectorAsync("h1 .badge.ok");
        await BrowserHost.ScreenshotAsync(page, "dpo-hold-lifted");
        Assert.NotNull(await App.WithDbAsync(db => db.LegalHolds.Select(h => h.LiftedAt).SingleAsync()));
        await page.Context.CloseAsync();
    }
}
