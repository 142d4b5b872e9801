using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using static PrivacyDesk.IntegrationTests.Staff.StaffTestData;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>Every decision path through the request detail page: state, audit event, e-mail in the requester's language.</summary>
public sealed class RequestDecisionTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<HtmlSession> DpoAsync(string? email = null)
    {
        var session = new HtmlSession(App);
        await session.SignInAsync(Roles.Dpo, email);
        return session;
    }

    private static string DetailsUrl(Guid id) => $"/Dpo/Requests/Details?id={id}";

    [Fact]
    public async Task Should_approve_store_the_plan_and_tell_the_candidate()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Access);
        using var dpo = await DpoAsync();
        var (_, page) = await dpo.GetAsync(DetailsUrl(request.Id));
        Assert.NotEmpty(page.QuerySelectorAll("ul.plan li"));

        var (response, _) = await dpo.SubmitAsync(page, new Dictionary<string, string> { ["Outcome"] = "Approved" }, "form.decide-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await LoadAsync(App, request.Id);
        Assert.Equal(RequestStatus.Approved, saved.Status);
        Assert.All(saved.SubRequests, s => Assert.Contains("\"lines\"", s.PlanJson!, StringComparison.Ordinal));
        Assert.Contains("request.decided", await EventTypesAsync(App, request.Id));
        var mail = Assert.Single(await OutboxAsync(App, request.Id));
        Assert.Equal(("staff-approved", "en", candidate.Email), (mail.Template, mail.Language, mail.To));
    }

    [Fact]
    public async Task Should_refuse_with_a_coded_reason_and_the_art_12_4_elements_N1_N2_N3()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Erasure);
        using var dpo = await DpoAsync();
        var (_, page) = await dpo.GetAsync(DetailsUrl(request.Id));

        await dpo.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Outcome"] = "Refused", ["ReasonCode"] = "manifestly-unfounded", ["ReasonDetails"] = "Fourth identical request this month.",
        }, "form.decide-form");

        var saved = await LoadAsync(App, request.Id);
        Assert.Equal(RequestStatus.Refused, saved.Status);
        Assert.Contains("Art. 12(5)(b)", saved.DecisionReason, StringComparison.Ordinal);
        var mail = Assert.Single(await OutboxAsync(App, request.Id));
        Assert.Equal("staff-refusal", mail.Template);
        Assert.Contains("Fourth identical request this month.", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Art. 77", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Art. 79", mail.Body, StringComparison.Ordinal);
        Assert.Contains("erasure (Art. 17 GDPR)", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_make_a_refusal_without_reason_impossible_N1()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Erasure);
        using var dpo = await DpoAsync();
        var (_, page) = await dpo.GetAsync(DetailsUrl(request.Id));

        var (response, result) = await dpo.SubmitAsync(page, new Dictionary<string, string> { ["Outcome"] = "Refused" }, "form.decide-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Beside its field, once (not repeated in the summary).
        Assert.Contains("N1", result.QuerySelector("#decide-code-error")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("N1", Errors(result), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.InReview, (await LoadAsync(App, request.Id)).Status);
        Assert.Empty(await OutboxAsync(App, request.Id));
        // The domain refuses it too, whatever the caller.
        var fresh = await LoadAsync(App, request.Id);
        Assert.Throws<DomainException>(() => fresh.Decide(DecisionOutcome.Refused, " ", DateTimeOffset.UtcNow, "x"));
    }

    [Fact]
    public async Task Should_partially_approve_a_combined_request_refusing_one_right()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Access, RequestType.Portability);
        var portability = request.SubRequests.Single(s => s.Type == RequestType.Portability).Id;
        using var dpo = await DpoAsync();
        var (_, page) = await dpo.GetAsync(DetailsUrl(request.Id));

        await dpo.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Outcome"] = "PartiallyApproved", ["RefusedSubRequests"] = portability.ToString(), ["ReasonCode"] = "portability-not-applicable",
        }, "form.decide-form");

        var saved = await LoadAsync(App, request.Id);
        Assert.Equal(RequestStatus.PartiallyApproved, saved.Status);
        Assert.Equal(DecisionOutcome.Refused, saved.SubRequests.Single(s => s.Id == portability).Outcome);
        Assert.Equal(DecisionOutcome.Approved, saved.SubRequests.Single(s => s.Type == RequestType.Access).Outcome);
        var mail = Assert.Single(await OutboxAsync(App, request.Id));
        Assert.Equal("staff-partial-refusal", mail.Template);
        Assert.Contains("portability (Art. 20 GDPR)", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("access (Art. 15 GDPR)", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Art. 77", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_extend_once_with_reasons_and_refuse_a_second_extension_EXT5()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Access);
        using var dpo = await DpoAsync();
        var (_, page) = await dpo.GetAsync(DetailsUrl(request.Id));
        var newDue = request.MaxExtendedDueOn.AddDays(-3);

        await dpo.SubmitAsync(page, new Dictionary<string, string>
        {
            ["ReasonCode"] = "hard-to-retrieve", ["ReasonDetails"] = "Your e-mails are in a 2019 archive.", ["NewDueOn"] = newDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, "form[action*='handler=Extend']");

        var saved = await LoadAsync(App, request.Id);
        Assert.Equal(newDue, saved.ExtendedDueOn);
        Assert.Contains("request.extended", await EventTypesAsync(App, request.Id));
        var mail = Assert.Single(await OutboxAsync(App, request.Id));
        Assert.Equal(("staff-extension-notice", "en"), (mail.Template, mail.Language));
        Assert.Contains(PrivacyDesk.Web.Features.Portal.PortalFormat.Date(newDue, "en"), mail.Body, StringComparison.Ordinal); // a date in words, not ISO
        Assert.Contains("archive", mail.Body, StringComparison.Ordinal);

        // The page no longer offers it; a replayed post of the old form is refused with the rule.
        var (_, again) = await dpo.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Version"] = saved.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReasonCode"] = "hard-to-retrieve", ["ReasonDetails"] = "Again.", ["NewDueOn"] = saved.MaxExtendedDueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, "form[action*='handler=Extend']");
        Assert.Contains("EXT-5", again.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await OutboxAsync(App, request.Id));
    }

    [Fact]
    public async Task Should_refuse_an_extension_after_the_due_date_EXT2()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Access);
        App.Clock.Now = new DateTimeOffset(request.DueOn.AddDays(1).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

        var refused = await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new PrivacyDesk.Web.Features.Staff.ExtendRequest.Command
        {
            RequestId = request.Id, ReasonCode = "volume-systems", ReasonDetails = "Too late.", NewDueOn = request.MaxExtendedDueOn,
        }, Roles.Dpo));

        Assert.Equal("EXT-2", refused.Rule);
        Assert.Null((await LoadAsync(App, request.Id)).ExtendedDueOn);
        Assert.Empty(await OutboxAsync(App, request.Id));
        using var dpo = await DpoAsync();
        var (_, page) = await dpo.GetAsync(DetailsUrl(request.Id));
        Assert.Null(page.QuerySelector("form[action*='handler=Extend']"));
    }

    [Fact]
    public async Task Should_ask_for_proof_with_the_doubt_recorded_and_the_clock_suspended_ID1_CLK3()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var id = await UnlinkedRequestAsync(App, candidate, "fr");
        using var dpo = await DpoAsync();
        var (_, details) = await dpo.GetAsync(DetailsUrl(id));
        var (_, page) = await dpo.GetAsync(details.QuerySelector("a[href^='/Dpo/Requests/Waiting']")!.GetAttribute("href")!);

        await dpo.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Reason"] = "Identity", ["Necessary"] = "true", ["Why"] = "The e-mail address differs from the one on file.", ["Message"] = "Quelle est la date de votre dernière mission ?",
        }, "form[action*='handler=Ask']");

        var saved = await LoadAsync(App, id);
        Assert.Equal(RequestStatus.AwaitingDataSubject, saved.Status);
        Assert.Equal(IdentityStatus.MoreProofRequested, saved.IdentityStatus);
        var wait = Assert.Single(saved.WaitingPeriods);
        Assert.Equal("The e-mail address differs from the one on file.", wait.Why);
        Assert.True(saved.DueIsProvisional);
        Assert.Contains("request.waiting", await EventTypesAsync(App, id));
        var mail = Assert.Single(await OutboxAsync(App, id));
        Assert.Equal(("lifecycle-question", "fr"), (mail.Template, mail.Language));
        Assert.Contains("dernière mission", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_show_why_a_candidate_matches_then_link_and_verify_ID4()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var id = await UnlinkedRequestAsync(App, candidate);
        using var dpo = await DpoAsync();
        var (_, page) = await dpo.GetAsync(DetailsUrl(id));
        var why = page.QuerySelector("table.matches tbody tr")!.TextContent;
        Assert.Contains("Zelfde e-mailadres", why, StringComparison.Ordinal);
        Assert.Contains("Zelfde naam en geboortedatum", why, StringComparison.Ordinal);

        await dpo.SubmitAsync(page, new Dictionary<string, string> { ["Method"] = "Knowledge check (ID-4 step 3)" }, "form.verify-form");

        var saved = await LoadAsync(App, id);
        Assert.Equal(candidate.Id, saved.CandidateId);
        Assert.Equal(IdentityStatus.Verified, saved.IdentityStatus);
        Assert.Equal(RequestStatus.InReview, saved.Status);
        var events = await EventTypesAsync(App, id);
        Assert.Contains("identity.candidate-linked", events);
        Assert.Contains("identity.verified", events);
        var (_, after) = await dpo.GetAsync(DetailsUrl(id));
        Assert.NotEmpty(after.QuerySelectorAll("ul.plan li"));
    }

    [Fact]
    public async Task Should_mark_no_data_held_and_tell_the_requester()
    {
        await App.ImportPackAsync("asap");
        var request = await App.AddRequestAsync(null, RequestType.Access);
        using var dpo = await DpoAsync();
        var (_, page) = await dpo.GetAsync(DetailsUrl(request.Id));

        await dpo.SubmitAsync(page, new Dictionary<string, string>(), "form[action*='handler=NoData']");

        var saved = await LoadAsync(App, request.Id);
        Assert.Equal(IdentityStatus.NoDataHeld, saved.IdentityStatus);
        Assert.Contains("identity.no-data", await EventTypesAsync(App, request.Id));
        var mail = Assert.Single(await OutboxAsync(App, request.Id));
        Assert.Equal(("staff-no-data", "en", "nobody@example.be"), (mail.Template, mail.Language, mail.To));
    }

    [Fact]
    public async Task Should_assign_to_a_colleague_who_is_told()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Access);
        await HtmlSession.CreateStaffAsync(App, "colleague@test.local", Roles.Dpo);
        using var dpo = await DpoAsync();
        var (_, page) = await dpo.GetAsync(DetailsUrl(request.Id));

        await dpo.SubmitAsync(page, new Dictionary<string, string> { ["Assignee"] = "colleague@test.local" }, "form[action*='handler=Assign']");

        Assert.Equal("colleague@test.local", (await LoadAsync(App, request.Id)).AssignedTo);
        Assert.Contains("request.assigned", await EventTypesAsync(App, request.Id));
        var mail = Assert.Single(await OutboxAsync(App, request.Id));
        Assert.Equal(("staff-assigned", "colleague@test.local"), (mail.Template, mail.To));
        var (_, queue) = await dpo.GetAsync("/Dpo/Queue?Assignee=colleague%40test.local");
        Assert.Single(queue.QuerySelectorAll("table.queue tbody tr"));
    }

    [Fact]
    public async Task Should_register_a_postal_request_with_its_real_receipt_date_and_flag_it_DL4()
    {
        await App.ImportPackAsync("asap");
        using var dpo = await DpoAsync();
        var (_, form) = await dpo.GetAsync("/Dpo/Requests/New");
        var fields = new Dictionary<string, string>
        {
            ["Data.Channel"] = "Post", ["Data.ReceivedOn"] = "2026-11-16", ["Data.Language"] = "fr", ["Data.Requester.FirstName"] = "Amélie",
            ["Data.Requester.LastName"] = "Dubois", ["Data.Requester.Email"] = "amelie@example.be", ["Data.Types"] = "Erasure",
        };

        var (response, _) = await dpo.SubmitAsync(form, fields, "main form[method=post]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await App.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync());
        Assert.Equal((Channel.Post, new DateOnly(2026, 11, 16), true), (saved.Channel, saved.ReceivedOn, saved.ReceiptDateFlagged));
        Assert.Equal(new DateOnly(2026, 12, 16), saved.DueOn);
        Assert.Contains("request.receipt-flagged", await EventTypesAsync(App, saved.Id));
        var mail = Assert.Single(await OutboxAsync(App, saved.Id));
        Assert.Equal(("request-acknowledgement-registered", "fr"), (mail.Template, mail.Language));

        fields["Data.ReceivedOn"] = "2026-11-24";
        var (future, page) = await dpo.SubmitAsync(form, fields, "main form[method=post]");
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        Assert.Contains("DL-4", Errors(page), StringComparison.Ordinal);
        Assert.Equal(1, await App.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Should_let_one_of_two_concurrent_decisions_win_and_tell_the_other()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Access);
        using var first = await DpoAsync();
        using var second = await DpoAsync();
        var (_, firstPage) = await first.GetAsync(DetailsUrl(request.Id));
        var (_, secondPage) = await second.GetAsync(DetailsUrl(request.Id));

        var (won, _) = await first.SubmitAsync(firstPage, new Dictionary<string, string> { ["Outcome"] = "Approved" }, "form.decide-form");
        var (lost, lostPage) = await second.SubmitAsync(secondPage, new Dictionary<string, string>
        {
            ["Outcome"] = "Refused", ["ReasonCode"] = "excessive",
        }, "form.decide-form");

        Assert.Equal(HttpStatusCode.Redirect, won.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        // In the staff member's language (Dutch by default).
        Assert.Contains("Iemand anders wijzigde dit verzoek", lostPage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Approved, (await LoadAsync(App, request.Id)).Status);
        Assert.Equal(["staff-approved"], (await OutboxAsync(App, request.Id)).Select(m => m.Template));
    }

    [Fact]
    public async Task Should_keep_internal_notes_on_the_request()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Access);
        using var dpo = await DpoAsync();
        var (_, page) = await dpo.GetAsync(DetailsUrl(request.Id));

        var (response, _) = await dpo.SubmitAsync(page, new Dictionary<string, string> { ["Body"] = "Called payroll; archive lookup pending." }, "form[action*='handler=Note']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var note = await App.WithDbAsync(db => db.RequestMessages.AsNoTracking().SingleAsync(m => m.RequestId == request.Id));
        Assert.True(note.Internal);
        Assert.Empty(await OutboxAsync(App, request.Id));
    }
}
