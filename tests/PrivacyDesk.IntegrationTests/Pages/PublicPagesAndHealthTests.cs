using System.Net;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.DemoData;
using PrivacyDesk.Web.Features.Register;

namespace PrivacyDesk.IntegrationTests.Pages;

public sealed class PublicPagesAndHealthTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_answer_live_and_ready_health_checks()
    {
        using var client = App.Factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Theory]
    [InlineData("nl", "Uw privacyrechten")]
    [InlineData("fr", "Vos droits en matière de vie privée")]
    [InlineData("en", "Your privacy rights")]
    public async Task Should_serve_the_home_page_in_each_language_with_the_controller_and_authority(string language, string heading)
    {
        await App.SendAsync(new ImportPolicyPack.Command { Json = PolicyPacks.Read("asap") }, Roles.Admin);
        using var session = new HtmlSession(App);
        await session.GetAsync($"/Language?c={language}&r=/");

        var (response, page) = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("privacy@asap.be", page.QuerySelector("footer")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Drukpersstraat 35", page.QuerySelector("footer")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(7, page.QuerySelectorAll(".right-card").Length);
    }

    [Fact]
    public async Task Should_send_security_headers_with_a_csp_without_inline_script()
    {
        using var client = App.Factory.CreateClient();
        var response = await client.GetAsync("/");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Should_show_the_staff_login_page_with_an_antiforgery_token()
    {
        using var session = new HtmlSession(App);
        var (response, page) = await session.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.NotNull(page.QuerySelector("label[for=Data_Email]"));
    }

    [Fact]
    public async Task Should_send_anonymous_visitors_of_staff_pages_to_the_login_page()
    {
        using var session = new HtmlSession(App);
        var (response, _) = await session.GetAsync("/Staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_a_login_post_without_antiforgery_token()
    {
        using var client = App.Factory.CreateClient();
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Data.Email"] = "x@y.z",
            ["Data.Password"] = "whatever",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Should_pause_a_staff_account_after_six_failed_sign_ins_without_saying_so()
    {
        await HtmlSession.CreateStaffAsync(App, "locked@test.local", Roles.Dpo);
        using var session = new HtmlSession(App);
        for (var i = 0; i < 6; i++)
        {
            var (_, login) = await session.GetAsync("/Account/Login");
            await session.SubmitAsync(login, new Dictionary<string, string> { ["Data.Email"] = "locked@test.local", ["Data.Password"] = "wrong-password-123" });
        }

        var (_, form) = await session.GetAsync("/Account/Login");
        var (response, page) = await session.SubmitAsync(form, new Dictionary<string, string> { ["Data.Email"] = "locked@test.local", ["Data.Password"] = HtmlSession.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The same answer as a wrong password or an unknown account: a pause must not reveal that the account exists.
        Assert.Contains("Aanmelden is niet gelukt", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
    }
}
