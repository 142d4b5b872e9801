using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.IntegrationTests.Staff;
using PrivacyDesk.Web.Features.Portal;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Mail;

/// <summary>
/// E-mails to colleagues come in the language each one chose with the language switch (kept on their account,
/// whether chosen before or after signing in), with dates in that language's format and no English word.
/// </summary>
public sealed class StaffMailLanguageTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_write_the_assignment_email_in_the_language_each_colleague_chose()
    {
        await App.ImportPackAsync("asap");
        var first = await App.AddRequestAsync(await App.AddCandidateAsync(c => { c.ExternalReference = "ATS-MAIL-1"; c.Email = "een@example.be"; }), RequestType.Access);
        var second = await App.AddRequestAsync(await App.AddCandidateAsync(c => { c.ExternalReference = "ATS-MAIL-2"; c.Email = "twee@example.be"; }), RequestType.Erasure);
        // One chooses French before signing in; the other signs in in French and then switches to Dutch.
        await SignInChoosingAsync("francais@test.local", before: "fr", after: null);
        await SignInChoosingAsync("nederlands@test.local", before: "fr", after: "nl");
        Assert.Equal("fr", await LanguageOfAsync("francais@test.local"));
        Assert.Equal("nl", await LanguageOfAsync("nederlands@test.local"));

        await App.SendAsync(new AssignRequest.Command { RequestId = first.Id, Assignee = "francais@test.local" }, Roles.Dpo);
        await App.SendAsync(new AssignRequest.Command { RequestId = second.Id, Assignee = "nederlands@test.local" }, Roles.Dpo);

        var toFrench = Assert.Single(await StaffTestData.OutboxAsync(App, first.Id), m => m.Template == "staff-assigned");
        var toDutch = Assert.Single(await StaffTestData.OutboxAsync(App, second.Id), m => m.Template == "staff-assigned");
        Assert.Equal(("fr", "francais@test.local"), (toFrench.Language, toFrench.To));
        Assert.Equal(("nl", "nederlands@test.local"), (toDutch.Language, toDutch.To));
        Assert.Contains(PortalFormat.Date(first.CurrentDueOn, "fr"), toFrench.Body, StringComparison.Ordinal);
        Assert.Contains(PortalFormat.Date(second.CurrentDueOn, "nl"), toDutch.Body, StringComparison.Ordinal);
        var subjects = await App.WithDbAsync(db => db.Outbox.AsNoTracking().Where(o => o.Template == "staff-assigned").ToDictionaryAsync(o => o.Language, o => o.Subject));
        Assert.Empty(new LeakDetector("fr").Find(subjects["fr"] + "\n" + toFrench.Body));
        Assert.Empty(new LeakDetector("nl").Find(subjects["nl"] + "\n" + toDutch.Body));
        Assert.Contains("language-set", string.Join(" ", await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Actor == "nederlands@test.local").Select(e => e.Type).ToListAsync())), StringComparison.Ordinal);
    }

    private async Task SignInChoosingAsync(string email, string before, string? after)
    {
        await HtmlSession.CreateStaffAsync(App, email, Roles.Dpo);
        using var session = new HtmlSession(App);
        await session.GetAsync($"/Language?c={before}&r=/Account/Login");
        var (_, login) = await session.GetAsync("/Account/Login");
        var (response, _) = await session.SubmitAsync(login, new Dictionary<string, string> { ["Data.Email"] = email, ["Data.Password"] = HtmlSession.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (after is not null)
            Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync($"/Language?c={after}&r=/Dpo/Queue")).Response.StatusCode);
    }

    private Task<string> LanguageOfAsync(string email) =>
        App.WithDbAsync(db => db.Users.Where(u => u.UserName == email).Select(u => u.Language).FirstAsync());
}
