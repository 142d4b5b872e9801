using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.IntegrationTests.Infrastructure;
using static PrivacyDesk.IntegrationTests.Portal.PortalTestKit;

namespace PrivacyDesk.IntegrationTests.Hardening;

/// <summary>
/// Find (reference + e-mail address) sends a new status link but leaves the requester's link working until the new
/// one is opened: knowing both must not let a stranger cut the requester off.
/// </summary>
public sealed class StatusLinkTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_keep_the_old_status_link_working_until_the_new_one_is_opened()
    {
        using var requester = new HtmlSession(App);
        var (submitted, _, _) = await SubmitNewAsync(requester, Valid("Access"));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var reference = await App.WithDbAsync(db => db.Requests.Select(r => r.Reference).SingleAsync());
        var oldLink = await LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Status");

        using var stranger = new HtmlSession(App);
        var (_, find) = await stranger.GetAsync("/Requests/Find");
        await PostFormAsync(stranger, find, [new("Data.Reference", reference), new("Data.Email", "an.peeters@example.be")]);
        var newLink = await LinkFromOutboxAsync(App, "status-link", "/Requests/Status");

        Assert.Equal(HttpStatusCode.OK, (await requester.GetAsync(oldLink)).Response.StatusCode); // still works
        Assert.Equal(HttpStatusCode.OK, (await requester.GetAsync(oldLink)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await requester.GetAsync(newLink)).Response.StatusCode); // the new one is used ...
        Assert.Equal(HttpStatusCode.Gone, (await requester.GetAsync(oldLink)).Response.StatusCode); // ... so the old one stops, and says it was replaced
        Assert.Equal(HttpStatusCode.OK, (await requester.GetAsync(newLink)).Response.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == "request.status-link-adopted")));
    }
}
