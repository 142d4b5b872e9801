using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Api;
using PrivacyDesk.IntegrationTests.Infrastructure;
using static PrivacyDesk.IntegrationTests.Lifecycle.LifecycleTestData;

namespace PrivacyDesk.IntegrationTests.Lifecycle;

/// <summary>The waiting lifecycle through the API: necessity required (CLK-2(1)), answer recorded on the person's behalf (CLK-3).</summary>
public sealed class WaitingApiTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Should_require_the_necessity_and_record_an_answer_through_the_API_CLK2_CLK3()
    {
        App.Clock.Now = At("2026-11-02");
        var id = await RegisteredAsync(App);
        var dpo = await ClientAsync(Roles.Dpo);
        var url = $"/api/v1/requests/{id}/identity";

        var missing = await ProblemAsync(await dpo.PostAsync(url, Json(new
        {
            action = "AskForInformation", reason = "Identity", why = "Signature differs from the file.", message = "Please send a copy of your ID card.",
        })), HttpStatusCode.BadRequest);
        Assert.Contains("CLK-2(1)", missing.ToJsonString(), StringComparison.Ordinal);
        await ExpectAsync(await dpo.PostAsync(url, Json(new
        {
            action = "AskForInformation", reason = "Identity", why = "Signature differs from the file.", message = "Please send a copy of your ID card.", necessary = true,
        })), HttpStatusCode.OK);

        App.Clock.Now = At("2026-11-05");
        var answered = await ExpectAsync(await dpo.PostAsync(url, Json(new { action = "RecordAnswer", summary = "Copy of the ID card by post" })), HttpStatusCode.OK);

        Assert.Equal("Received", (string)answered["status"]!);
        Assert.Equal("2026-12-07", (string)answered["dueOn"]!); // 3 days suspended: Sat 12-05 → Mon 12-07
        var wait = Assert.Single((await LoadAsync(App, id)).WaitingPeriods);
        Assert.True(wait.Necessary);
        Assert.Equal(D("2026-11-05"), wait.ReceivedOn);
        Assert.Contains(await MailAsync(App, id), m => m.Template == "lifecycle-answer-received");
    }
}
