using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Execution;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>
/// The workflow journeys in Chromium: the DPO's balancing per purpose (OB-2); the back office working an erasure
/// to completion, one notice closed as impossible, and the answer stating it (ER-10, ER-9); the access package
/// held back until the professional e-mails are reviewed (ACC-6).
/// </summary>
public sealed class WorkflowBrowserTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<IPage> SignedInPageAsync(string email, string role, string landing)
    {
        await HtmlSession.CreateStaffAsync(App, email, role);
        var browser = await App.BrowserAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Data_Email", email);
        await page.FillAsync("#Data_Password", HtmlSession.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(landing);
        return page;
    }

    /// <summary>Posts a form that redirects to the same address, and waits until the new page has loaded.</summary>
    private static async Task ReloadedAsync(IPage page, Func<Task> submit)
    {
        await page.EvaluateAsync("() => { window.stalePage = true; }");
        await submit();
        await page.WaitForFunctionAsync("() => !window.stalePage && document.readyState === 'complete'");
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await BrowserHost.AxeSeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task Should_let_the_dpo_record_compelling_grounds_for_one_purpose_and_refuse_them_without_text_OB2()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Objection);
        var page = await SignedInPageAsync("dpo.workflow@test.local", Roles.Dpo, "**/Dpo/Queue");

        await page.GotoAsync($"/Dpo/Requests/Details?id={request.Id}");
        await page.ClickAsync("a[href^='/Dpo/Requests/Balancing']");
        await page.WaitForURLAsync("**/Dpo/Requests/Balancing**");
        await AssertAccessibleAsync(page);

        var survey = page.Locator("section.card", new() { Has = page.Locator("#purpose-satisfaction-survey") });
        await survey.Locator("input[name='Data.CompellingGrounds'][value=true]").CheckAsync();
        await survey.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync(".error-summary li");
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<PurposeBalancing>().CountAsync(b => b.RequestId == request.Id)));

        survey = page.Locator("section.card", new() { Has = page.Locator("#purpose-satisfaction-survey") });
        await survey.Locator("input[name='Data.CompellingGrounds'][value=true]").CheckAsync();
        await survey.Locator("textarea").FillAsync("The answers document a safety incident the client still investigates.");
        await survey.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Dpo/Requests/Details**");
        Assert.Contains("safety incident", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        var saved = await App.WithDbAsync(db => db.Set<PurposeBalancing>().SingleAsync(b => b.RequestId == request.Id));
        Assert.True(saved.CompellingGrounds);
        Assert.Equal("satisfaction-survey", saved.PurposeCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Should_complete_a_case_only_when_its_tasks_are_finished_and_answer_with_what_was_done_ER10()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id);
        var page = await SignedInPageAsync("bo.workflow@test.local", Roles.BackOffice, "**/BackOffice/Tasks");

        await page.GotoAsync($"/BackOffice/Cases/Details?id={request.Id}");
        await ConfirmAndExecuteAsync(page);
        await page.WaitForSelectorAsync("section.execution-task");
        // Old behaviour: "Completed" with every notice open, and the answer could be sent.
        Assert.Equal(0, await page.Locator("form[action*='handler=Answer']").CountAsync());
        Assert.Equal(RequestStatus.InExecution, await App.WithDbAsync(db => db.Requests.Where(r => r.Id == request.Id).Select(r => r.Status).SingleAsync()));
        // Art. 19 (ER-9): the survey firm whose data were erased is on the list; the authorities of the kept payroll are not.
        var taskList = await page.InnerTextAsync("main");
        Assert.Contains("IPG Contact Solutions NV/SA verwittigen (art. 19 AVG)", taskList, StringComparison.Ordinal); // the task title in the page's language
        Assert.DoesNotContain("RSZ / ONSS", taskList, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        var first = true;
        while (await page.Locator("form[action*='handler=Finish']").CountAsync() > 0)
        {
            var form = page.Locator("form[action*='handler=Finish']").First;
            if (first)
            {
                // An Art. 19 notice that cannot be sent: closed as not possible, with the reason.
                form = page.Locator("section.execution-task", new() { HasText = "(art. 19 AVG)" }).Locator("form[action*='handler=Finish']").First;
                await form.Locator("input[value=NotPossible]").CheckAsync();
                await form.Locator("textarea").FillAsync("no contact address exists any more");
                first = false;
            }
            await ReloadedAsync(page, () => form.Locator("button[type=submit]").ClickAsync());
        }

        await ReloadedAsync(page, () => page.ClickAsync("form[action*='handler=Answer'] button"));
        var mail = await App.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.RequestId == request.Id && m.Template.StartsWith("final-answer")));
        Assert.Contains("not informed, because no contact address exists any more", mail.BodyText, StringComparison.Ordinal);
        var informed = await App.WithDbAsync(db => db.Tasks.CountAsync(t => t.RequestId == request.Id && t.Kind == WorkTaskKind.NotifyRecipient && t.Status == WorkTaskStatus.Done));
        Assert.True(informed > 0);
        Assert.DoesNotContain("(none)", mail.BodyText[mail.BodyText.IndexOf("Recipients", StringComparison.Ordinal)..], StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Should_hold_the_access_package_until_the_emails_are_reviewed_in_the_browser_ACC6()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync(c =>
        {
            foreach (var mail in c.ProfessionalEmails)
                mail.RedactedExtract = null;
        });
        var request = await App.AddRequestAsync(candidate, RequestType.Access);
        await App.DecideAsync(request.Id);
        var page = await SignedInPageAsync("bo.review@test.local", Roles.BackOffice, "**/BackOffice/Tasks");

        await page.GotoAsync($"/BackOffice/Cases/Details?id={request.Id}");
        await ConfirmAndExecuteAsync(page);
        await page.WaitForSelectorAsync("a[href^='/BackOffice/Cases/EmailReview']");
        Assert.False(await App.WithDbAsync(db => db.Packages.AnyAsync(p => p.RequestId == request.Id)));

        await page.ClickAsync("a[href^='/BackOffice/Cases/EmailReview']");
        await page.WaitForURLAsync("**/BackOffice/Cases/EmailReview**");
        await AssertAccessibleAsync(page);
        foreach (var box in await page.Locator("textarea").AllAsync())
            await box.FillAsync("Your profile was sent to the client on this date.");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync("**/BackOffice/Cases/Details**");
        await ReloadedAsync(page, () => ConfirmAndExecuteAsync(page));

        var package = await App.WithDbAsync(db => db.Packages.SingleAsync(p => p.RequestId == request.Id));
        Assert.Contains("Your profile was sent to the client on this date.", System.Text.Encoding.UTF8.GetString(package.Content), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    /// <summary>The back office confirms the previewed plan (naming candidate and request) before it runs.</summary>
    private static async Task ConfirmAndExecuteAsync(Microsoft.Playwright.IPage page)
    {
        await page.CheckAsync("form[action*='handler=Execute'] input[name=Confirmed]");
        await page.ClickAsync("form[action*='handler=Execute'] button");
    }
}
