using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.SignIn;

namespace PrivacyDesk.IntegrationTests.Hardening;

/// <summary>
/// Staff sign-in: a per-account pause after repeated failures that a stranger cannot use to shut out the staff
/// member's own browser, one answer in one time for unknown accounts, and every failure audited for the Admin.
/// </summary>
public sealed class StaffSignInTests(AppFixture app) : IntegrationTest(app)
{
    private static async Task<(HttpStatusCode Status, string Error)> TryAsync(HtmlSession session, string email, string password)
    {
        var (_, login) = await session.GetAsync("/Account/Login");
        var (response, page) = await session.SubmitAsync(login, new Dictionary<string, string> { ["Data.Email"] = email, ["Data.Password"] = password });
        return (response.StatusCode, page.QuerySelector(".error-summary")?.TextContent.Trim() ?? "");
    }

    [Fact]
    public async Task Should_pause_an_account_after_five_free_failures_and_let_it_in_once_the_pause_is_over()
    {
        var email = $"dpo-{Guid.NewGuid():N}@test.local";
        await HtmlSession.CreateStaffAsync(App, email, Roles.Dpo);
        using var stranger = new HtmlSession(App);

        for (var i = 0; i < SignInGuard.FreeFailures; i++)
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(stranger, email, "wrong-password-" + i)).Status);
        using (var owner = new HtmlSession(App))
            Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(owner, email, HtmlSession.Password)).Status); // five cost nothing

        for (var i = 0; i <= SignInGuard.FreeFailures; i++)
            await TryAsync(stranger, email, "wrong-password-" + i);
        using var fresh = new HtmlSession(App);
        var refused = await TryAsync(fresh, email, HtmlSession.Password);
        Assert.Equal(HttpStatusCode.OK, refused.Status); // paused: even the right password waits

        App.Clock.Advance(SignInGuard.FirstDelay + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(fresh, email, HtmlSession.Password)).Status);

        var events = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Actor == SignInGuard.Actor).Select(e => new { e.Type, e.Summary }).ToListAsync());
        Assert.Equal(2 * SignInGuard.FreeFailures + 1, events.Count(e => e.Type == SignInGuard.FailedEvent));
        Assert.Single(events, e => e.Type == SignInGuard.PausedEvent);
        Assert.All(events, e => Assert.DoesNotContain(email, e.Summary, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Should_double_the_pause_up_to_fifteen_minutes()
    {
        Assert.Null(SignInGuard.DelayAfter(SignInGuard.FreeFailures));
        Assert.Equal(TimeSpan.FromMinutes(1), SignInGuard.DelayAfter(6));
        Assert.Equal(TimeSpan.FromMinutes(2), SignInGuard.DelayAfter(7));
        Assert.Equal(TimeSpan.FromMinutes(8), SignInGuard.DelayAfter(9));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInGuard.DelayAfter(10));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInGuard.DelayAfter(500));
    }

    [Fact]
    public async Task Should_answer_an_unknown_account_like_a_wrong_password_in_the_same_time()
    {
        var email = $"dpo-{Guid.NewGuid():N}@test.local";
        await HtmlSession.CreateStaffAsync(App, email, Roles.Dpo);
        using var session = new HtmlSession(App);
        await TryAsync(session, "warm-up@test.local", "x"); // first use builds the decoy hash

        var known = new List<double>();
        var unknown = new List<double>();
        string? knownError = null, unknownError = null;
        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            knownError = (await TryAsync(session, email, "wrong-password-" + i)).Error;
            known.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            unknownError = (await TryAsync(session, $"nobody-{i}@test.local", "wrong-password-" + i)).Error;
            unknown.Add(watch.Elapsed.TotalMilliseconds);
        }

        Assert.False(string.IsNullOrEmpty(knownError));
        Assert.Equal(knownError, unknownError);
        known.Sort();
        unknown.Sort();
        // Before: 85-100 ms for an account against 5-7 ms for no account. Both now verify one password hash.
        Assert.True(unknown[2] > known[2] * 0.4, $"unknown {string.Join("/", unknown)} ms vs known {string.Join("/", known)} ms");
    }

    [Fact]
    public async Task Should_show_failures_and_paused_accounts_to_the_admin()
    {
        var email = $"bo-{Guid.NewGuid():N}@test.local";
        await HtmlSession.CreateStaffAsync(App, email, Roles.BackOffice);
        using var stranger = new HtmlSession(App);
        for (var i = 0; i <= SignInGuard.FreeFailures; i++)
            await TryAsync(stranger, email, "wrong-password-" + i);
        await TryAsync(stranger, "nobody@test.local", "x");
        using var admin = new HtmlSession(App);
        await admin.SignInAsync(Roles.Admin);

        var (response, page) = await admin.GetAsync("/Admin/SignInFailures");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paused = Assert.Single(page.QuerySelectorAll("table.paused tbody tr"));
        Assert.Contains(email, paused.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("table.sign-in-events tbody tr"), r => r.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.DoesNotContain("nobody@test.local", page.Body!.TextContent, StringComparison.Ordinal);
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);
        Assert.Equal(HttpStatusCode.Forbidden, (await dpo.GetAsync("/Admin/SignInFailures")).Response.StatusCode);
    }
}
