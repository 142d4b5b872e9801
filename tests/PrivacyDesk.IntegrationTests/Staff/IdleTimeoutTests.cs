using System.Net;
using Microsoft.AspNetCore.Hosting;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>Staff:IdleTimeoutMinutes: an unused staff session ends, the sign-in page says why and returns to the page.</summary>
public sealed class IdleTimeoutTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_keep_a_session_used_within_30_minutes_and_end_one_idle_for_31()
    {
        await using var host = App.Factory.WithWebHostBuilder(b => b.UseSetting("Staff:IdleTimeoutMinutes", "30"));
        using var dpo = new HtmlSession(App, host);
        await dpo.SignInAsync(Roles.Dpo, "idle@test.local");
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync("/Dpo/Queue")).Response.StatusCode);

        App.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync("/Dpo/Dashboard")).Response.StatusCode);
        App.Clock.Advance(TimeSpan.FromMinutes(29)); // 58 minutes after sign-in, 29 after the last page: still in use
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync("/Dpo/Queue")).Response.StatusCode);

        App.Clock.Advance(TimeSpan.FromMinutes(31));
        var (idle, _) = await dpo.GetAsync("/Dpo/Queue?Type=Erasure");

        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        var location = idle.Headers.Location!.OriginalString;
        Assert.StartsWith("/Account/Login?ReturnUrl=%2FDpo%2FQueue%3FType%3DErasure", location.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("signedOut=idle", location, StringComparison.Ordinal);
        var (_, login) = await dpo.FollowAsync(idle);
        Assert.Contains("U bent afgemeld na 30 minuten zonder activiteit.", login.QuerySelector("p.signed-out-idle")!.TextContent, StringComparison.Ordinal);
        // The cookie is gone: the next staff page asks for a sign-in again, without the idle message.
        var (again, _) = await dpo.GetAsync("/Dpo/Queue");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.DoesNotContain("signedOut", again.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var (signedIn, _) = await dpo.SubmitAsync(login, new Dictionary<string, string> { ["Data.Email"] = "idle@test.local", ["Data.Password"] = HtmlSession.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/Dpo/Queue?Type=Erasure", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync("/Dpo/Queue?Type=Erasure")).Response.StatusCode);
    }

    [Fact]
    public async Task Should_say_the_configured_minutes_in_french()
    {
        await using var host = App.Factory.WithWebHostBuilder(b => b.UseSetting("Staff:IdleTimeoutMinutes", "15"));
        using var dpo = new HtmlSession(App, host);
        await dpo.GetAsync("/Language?c=fr&r=/");
        await dpo.SignInAsync(Roles.Dpo);
        App.Clock.Advance(TimeSpan.FromMinutes(16));

        var (idle, _) = await dpo.GetAsync("/Dpo/Dashboard");
        var (_, login) = await dpo.FollowAsync(idle);

        Assert.Contains("déconnecté après 15 minutes d'inactivité", login.QuerySelector("p.signed-out-idle")!.TextContent, StringComparison.Ordinal);
    }
}
