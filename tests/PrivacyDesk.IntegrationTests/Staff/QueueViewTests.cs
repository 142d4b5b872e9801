using System.Net;
using AngleSharp.Html.Dom;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>The saved default queue view per staff member: saved, applied when the queue opens without filters, per user, validated.</summary>
public sealed class QueueViewTests(AppFixture app) : IntegrationTest(app)
{
    private const string SaveForm = "form[action*='handler=SaveView']";

    [Fact]
    public async Task Should_open_the_queue_on_the_saved_view_for_its_owner_only_until_reset()
    {
        var access = await App.AddRequestAsync(null, RequestType.Access);
        var erasure = await App.AddRequestAsync(null, RequestType.Erasure);
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo, "view.owner@test.local");
        await HtmlSession.CreateStaffAsync(App, "view.colleague@test.local", Roles.Dpo);

        var (_, filtered) = await dpo.GetAsync("/Dpo/Queue?Type=Erasure&Sort=Reference&Descending=true");
        var (saved, _) = await dpo.SubmitAsync(filtered, new Dictionary<string, string>(), SaveForm);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var (_, reopened) = await dpo.GetAsync("/Dpo/Queue");
        Assert.Equal([erasure.Reference], References(reopened));
        Assert.NotNull(reopened.QuerySelector("p.default-view"));
        Assert.Equal("descending", reopened.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
        var (_, all) = await dpo.GetAsync("/Dpo/Queue?View=all");
        Assert.Equal(new[] { access.Reference, erasure.Reference }.Order(), References(all).Order());
        Assert.Null(all.QuerySelector("p.default-view"));

        // Audited by account id only: no e-mail address, no filter value in the line.
        var ownerId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "view.owner@test.local").Select(u => u.Id).FirstAsync());
        var line = Assert.Single(await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Type == SaveQueueView.SavedEvent).Select(e => e.Summary).ToListAsync()));
        Assert.Contains(ownerId.ToString(), line, StringComparison.Ordinal);
        Assert.DoesNotContain("@", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Erasure", line, StringComparison.Ordinal);

        using var colleague = new HtmlSession(App);
        await colleague.SignInAsync(Roles.Dpo, "view.colleague2@test.local");
        var (_, theirs) = await colleague.GetAsync("/Dpo/Queue");
        Assert.Equal(2, References(theirs).Count);
        Assert.Null(theirs.QuerySelector("form[action*='handler=ResetView']"));

        var (_, mine) = await dpo.GetAsync("/Dpo/Queue");
        var (reset, _) = await dpo.SubmitAsync(mine, new Dictionary<string, string>(), "form[action*='handler=ResetView']");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var (_, afterReset) = await dpo.GetAsync("/Dpo/Queue");
        Assert.Equal(2, References(afterReset).Count);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<SavedQueueView>().CountAsync()));
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == ResetQueueView.ResetEvent)));
    }

    [Theory]
    [InlineData("Status=Bogus", "een van de waarden is onbekend")]
    [InlineData("Assignee=nobody%40example.be", "Kies een behandelaar uit de lijst")]
    [InlineData("DueFrom=2026-12-10&DueTo=2026-12-01", "Pas de data aan en bewaar opnieuw")]
    public async Task Should_refuse_unknown_filter_values_in_dutch_and_save_nothing(string filter, string message)
    {
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);
        var (_, queue) = await dpo.GetAsync("/Dpo/Queue");

        var (response, page) = await dpo.SubmitAsync(queue, new Dictionary<string, string>(), SaveForm, action: $"/Dpo/Queue?{filter}&handler=SaveView");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = page.QuerySelectorAll(".error-summary li").Select(e => e.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<SavedQueueView>().CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == SaveQueueView.SavedEvent)));
    }

    [Fact]
    public async Task Should_refuse_a_view_for_someone_without_the_dpo_role_and_values_outside_the_enums()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new SaveQueueView.Command(), Roles.BackOffice));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new SaveQueueView.Command { Sort = (SearchQueue.SortColumn)42 }, Roles.Dpo));
        Assert.Contains(invalid.Errors, e => e.ErrorMessage == "Staff.Queue.View.Invalid");
    }

    private static List<string> References(IHtmlDocument page) =>
        page.QuerySelectorAll("table.queue tbody td.ref").Select(c => c.TextContent.Trim()).ToList();
}
