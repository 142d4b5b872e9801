using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Requests;
using static PrivacyDesk.IntegrationTests.Lifecycle.LifecycleTestData;

namespace PrivacyDesk.IntegrationTests.Lifecycle;

/// <summary>
/// The waiting journey end to end in the browser (CLK-2, CLK-3): the DPO asks (the staff command), the candidate
/// answers on the portal's status page, and the clock resumes with the waited days added.
/// </summary>
public sealed class WaitingJourneyBrowserTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_resume_the_clock_when_the_candidate_answers_on_the_portal_CLK2_CLK3()
    {
        App.Clock.Now = At("2026-11-02"); // due 2026-12-02
        string link = "";
        Guid id = Guid.Empty;
        await App.WithScopeAsync(async sp =>
        {
            var created = await sp.GetRequiredService<RequestIntake>().ReceiveAsync(new RequestIntake.Input(Channel.Web, null, "en",
                new DataSubjectRequest.Requester("Lotte", "Maes", "lotte.maes@example.be", null, null),
                [new DataSubjectRequest.SubRequestInput(RequestType.Access, null)], null, true, null), "test", CancellationToken.None);
            await sp.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
            id = created.Request.Id;
            link = $"/Requests/Status?reference={created.Request.Reference}&token={Uri.EscapeDataString(created.StatusToken)}";
        });
        await AskAsync(App, id, WaitingReason.Clarification);
        App.Clock.Now = At("2026-11-09");

        var browser = await App.BrowserAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(link);
        Assert.True(await page.IsVisibleAsync("#Data_Message"));
        Assert.True(await page.IsVisibleAsync("p.provisional")); // the clock is stopped: a provisional date
        Assert.Equal("2026-12-09", await page.GetAttributeAsync("time.due-date", "datetime")); // 7 days so far
        await page.FillAsync("#Data_Message", "All my applications since 2024, please.");
        await page.ClickAsync("form[action*='handler=Answer'] button[type=submit]");
        await page.WaitForSelectorAsync("time.due-date");

        Assert.False(await page.IsVisibleAsync("#Data_Message"));
        Assert.False(await page.IsVisibleAsync("p.provisional")); // the clock runs again from a fixed date
        Assert.Equal("2026-12-09", await page.GetAttributeAsync("time.due-date", "datetime"));
        await page.Context.CloseAsync();

        var request = await LoadAsync(App, id);
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.False(request.DueIsProvisional);
        Assert.Equal(D("2026-12-09"), request.DueOn); // 2026-12-02 + 7 waited days (CLK-3)
        Assert.Contains(await EventsAsync(App, id), e => e.Type == "deadlines.recomputed" && e.Summary.Contains("portal", StringComparison.Ordinal));
        Assert.Contains(await MailAsync(App, id), m => m.Template == "lifecycle-answer-received");
    }
}
