using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Execution;

namespace PrivacyDesk.IntegrationTests.Execution;

public sealed class BackOfficePagesTests(AppFixture app) : IntegrationTest(app)
{
    [Theory]
    [InlineData("/BackOffice/Tasks")]
    [InlineData("/BackOffice/Cases/Details?id=00000000-0000-0000-0000-000000000001")]
    public async Task Should_let_back_office_in_forbid_admin_and_send_strangers_to_login(string url)
    {
        using var anonymous = new HtmlSession(App);
        var (anon, _) = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anon.StatusCode);
        Assert.Contains("/Account/Login", anon.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var admin = new HtmlSession(App);
        await admin.SignInAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(url)).Response.StatusCode);

        if (url.Contains("Tasks", StringComparison.Ordinal))
        {
            using var backOffice = new HtmlSession(App);
            await backOffice.SignInAsync(Roles.BackOffice);
            Assert.Equal(HttpStatusCode.OK, (await backOffice.GetAsync(url)).Response.StatusCode);
        }
    }

    [Fact]
    public async Task Should_carry_out_finish_answer_and_close_a_case_through_the_pages()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id);
        using var session = new HtmlSession(App);
        await session.SignInAsync(Roles.BackOffice, "bram@test.local");

        var (_, list) = await session.GetAsync("/BackOffice/Tasks");
        Assert.Contains(request.Reference, list.Body!.TextContent, StringComparison.Ordinal);
        var (_, details) = await session.GetAsync($"/BackOffice/Cases/Details?id={request.Id}");
        var (executed, _) = await session.SubmitAsync(details, new Dictionary<string, string> { ["Confirmed"] = "true" }, $"form[action*='handler=Execute']");
        Assert.Equal(HttpStatusCode.Redirect, executed.StatusCode);

        // Close refused while tasks are open (the page re-renders with the reason).
        var (_, closePage) = await session.GetAsync($"/BackOffice/Cases/Close?id={request.Id}");
        var (refused, refusedDoc) = await session.SubmitAsync(closePage, new Dictionary<string, string>(), "main form");
        Assert.True(refused.StatusCode == HttpStatusCode.OK, $"{refused.StatusCode}: {refusedDoc.Body?.TextContent}");
        Assert.Contains("still open", refusedDoc.Body!.TextContent, StringComparison.Ordinal);

        var taskIds = await App.WithDbAsync(db => db.Tasks.Where(t => t.RequestId == request.Id && t.Kind != WorkTaskKind.SendFinalAnswer).Select(t => t.Id).ToListAsync());
        Assert.NotEmpty(taskIds);
        foreach (var id in taskIds)
        {
            var (_, page) = await session.GetAsync($"/BackOffice/Cases/Details?id={request.Id}");
            var (finished, _) = await session.SubmitAsync(page, new Dictionary<string, string> { ["Data.TaskId"] = id.ToString(), ["Data.Status"] = "Done", ["Data.Note"] = "sent, proof in mailbox" },
                "form[action*='handler=Finish']");
            Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);
        }
        var (_, beforeAnswer) = await session.GetAsync($"/BackOffice/Cases/Details?id={request.Id}");
        await session.SubmitAsync(beforeAnswer, new Dictionary<string, string>(), "form[action*='handler=Answer']");

        (_, closePage) = await session.GetAsync($"/BackOffice/Cases/Close?id={request.Id}");
        var (closed, _) = await session.SubmitAsync(closePage, new Dictionary<string, string>(), "main form");

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var saved = await App.WithDbAsync(db => db.Requests.AsNoTracking().FirstAsync(r => r.Id == request.Id));
        Assert.Equal(RequestStatus.Closed, saved.Status);
        Assert.Equal("bram@test.local", saved.ClosedBy);
        Assert.Equal(App.Clock.GetUtcNow(), saved.ClosedAt);
        Assert.Equal("sent, proof in mailbox", await App.WithDbAsync(db => db.Tasks.Where(t => t.Id == taskIds[0]).Select(t => t.Note).FirstAsync()));
    }

    /// <summary>
    /// Task titles, instructions and plan lines are stored in English with the task; the back office reads them in
    /// its own language, with the recipient, the record sets and the rights through their labels.
    /// </summary>
    [Theory]
    [InlineData("nl", "Stuur het voorbereide bericht naar", "Wissing: art. 17 AVG")]
    [InlineData("fr", "Envoyez le message préparé à", "Effacement : art. 17 RGPD")]
    public async Task Should_show_the_tasks_of_a_case_in_the_back_office_members_language(string language, string instruction, string erasureWhy)
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id);
        using var session = new HtmlSession(App);
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        await session.SignInAsync(Roles.BackOffice, $"office-{language}@test.local");
        var (_, details) = await session.GetAsync($"/BackOffice/Cases/Details?id={request.Id}");
        await session.SubmitAsync(details, new Dictionary<string, string> { ["Confirmed"] = "true" }, "form[action*='handler=Execute']");

        var (_, page) = await session.GetAsync($"/BackOffice/Cases/Details?id={request.Id}");
        var tasks = string.Join("\n", page.QuerySelectorAll("section.execution-task").Select(t => t.TextContent));
        Assert.Contains(instruction, tasks, StringComparison.Ordinal);
        Assert.Contains(erasureWhy, tasks, StringComparison.Ordinal);
        foreach (var english in new[] { "Send the prepared message", "keep proof of sending", "Send the final answer", "Erase copies outside", "notify each recipient", "Art. 17 GDPR" })
            Assert.DoesNotContain(english, tasks, StringComparison.Ordinal);
    }
}
