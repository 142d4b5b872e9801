using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Deadlines;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Features.Staff;
using static PrivacyDesk.IntegrationTests.Lifecycle.LifecycleTestData;

namespace PrivacyDesk.IntegrationTests.Lifecycle;

/// <summary>
/// The request lifecycle on real PostgreSQL through the app's handlers: identity proofs deleted on every terminal
/// transition (ID-6, RET-12), every date change audited (§1.9), the waiting lifecycle (CLK-2, CLK-3, CLK-4) and
/// a full refusal after an extension (EXT-7).
/// </summary>
public sealed class RequestLifecycleRulesTests(AppFixture app) : IntegrationTest(app)
{
    public static TheoryData<string> TerminalTransitions => new() { "refused", "withdrawn", "abandoned", "closed", "minimised" };

    [Theory]
    [MemberData(nameof(TerminalTransitions))]
    public async Task Should_delete_the_identity_proof_on_every_terminal_transition_ID6_RET12(string transition)
    {
        App.Clock.Now = At("2026-11-02");
        var id = await RegisteredAsync(App);
        await AskAsync(App, id);
        await AddProofAsync(App, id);
        Assert.Single(await ProofsAsync(App, id), p => p.DeletedAt is null && p.EncryptedContent.Length > 0);

        switch (transition)
        {
            case "refused":
                // ID-9: the proof did not establish identity; the refusal settles it.
                await AnswerAsync(App, id);
                await App.SendAsync(new DecideRequest.Command
                {
                    RequestId = id, Version = await VersionAsync(App, id), Outcome = DecisionOutcome.Refused, ReasonCode = "identity-not-established",
                }, Roles.Dpo);
                break;
            case "withdrawn":
                await ChangeAsync(id, (r, now) => r.Withdraw(now, "dpo@test"));
                break;
            case "abandoned":
                App.Clock.Now = At("2026-12-02"); // ABANDON_AFTER_DAYS = 30 after the question (CLK-4)
                Assert.Equal(1, (await RunJobAsync(App)).Abandoned);
                break;
            case "closed":
            case "minimised":
                await RefuseAndAnswerAsync(id);
                await AddProofAsync(App, id); // a late copy, e.g. sent again by mail after the refusal
                await App.SendAsync(new CloseCase.Command { RequestId = id }, Roles.Dpo);
                if (transition == "minimised")
                {
                    await AddProofAsync(App, id);
                    await ChangeAsync(id, (r, now) => r.Minimise(now));
                }
                break;
        }

        var proofs = await ProofsAsync(App, id);
        Assert.NotEmpty(proofs);
        Assert.All(proofs, p => Assert.True(p.DeletedAt is not null && p.EncryptedContent.Length == 0, $"{transition}: proof {p.Id} kept"));
        Assert.Contains(await EventsAsync(App, id), e => e.Type == "identity.proofs-deleted" && e.Summary.Contains("ID-6", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_audit_every_change_of_an_existing_requests_dates_with_old_and_new_dates_section_1_9_CLK3()
    {
        App.Clock.Now = At("2026-11-02"); // due 2026-12-02 Wed
        var id = await RegisteredAsync(App);
        Assert.Equal(D("2026-12-02"), (await LoadAsync(App, id)).DueOn);

        await AskAsync(App, id);
        App.Clock.Now = At("2026-11-06");
        await AnswerAsync(App, id);

        var request = await LoadAsync(App, id);
        Assert.Equal(D("2026-12-07"), request.DueOn); // 4 suspended days: 12-06 is a Sunday → Mon 12-07
        Assert.False(request.DueIsProvisional);
        var recomputed = (await EventsAsync(App, id)).Where(e => e.Type == "deadlines.recomputed").ToList();
        Assert.Contains(recomputed, e => e.Summary.Contains("due 2026-12-02 → 2026-12-07", StringComparison.Ordinal) && e.Summary.Contains("CLK-3", StringComparison.Ordinal));

        // A holiday override moves the date of this open request on the next change: audited with its old and new date.
        await App.SendAsync(new HolidayOverrides.SetCommand
        {
            Year = 2026, Name = BelgianHolidayCalendar.ChristmasDay, MovedTo = D("2026-12-07"), Reason = "Test Royal Decree moving Christmas 2026",
        }, Roles.Dpo);
        var candidate = await App.AddCandidateAsync(c => c.Email = "lotte.maes@example.be");
        await App.SendAsync(new VerifyIdentity.Command
        {
            RequestId = id, Version = await VersionAsync(App, id), CandidateId = candidate.Id, Why = "Card matches", Method = "ID card checked",
        }, Roles.Dpo);

        Assert.Equal(D("2026-12-08"), (await LoadAsync(App, id)).DueOn);
        Assert.Contains(await EventsAsync(App, id), e => e.Type == "deadlines.recomputed" && e.Summary.Contains("due 2026-12-07 → 2026-12-08", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_record_whether_the_question_was_necessary_and_let_an_unnecessary_one_not_stop_the_clock_CLK2()
    {
        App.Clock.Now = At("2026-11-02");
        var id = await RegisteredAsync(App);

        await Assert.ThrowsAsync<ValidationException>(async () => await App.SendAsync(new AskRequester.Command
        {
            RequestId = id, Version = await VersionAsync(App, id), Reason = WaitingReason.Clarification, Why = "Routine", Message = "Which data?",
        }, Roles.Dpo));
        await AskAsync(App, id, WaitingReason.Clarification, necessary: false);
        App.Clock.Now = At("2026-11-09");
        await AnswerAsync(App, id);

        var request = await LoadAsync(App, id);
        Assert.False(Assert.Single(request.WaitingPeriods).Necessary);
        Assert.Equal(D("2026-12-02"), request.DueOn); // CLK-2(1): not necessary, so the week does not count
        Assert.Contains(await EventsAsync(App, id), e => e.Type == "request.waiting" && e.Summary.Contains("necessary: no", StringComparison.Ordinal));
        var question = Assert.Single(await MailAsync(App, id), m => m.Template == "lifecycle-question");
        Assert.Contains("keeps running", question.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_keep_the_days_between_an_insufficient_reply_and_the_follow_up_question_CLK3()
    {
        App.Clock.Now = At("2026-11-02");
        var id = await RegisteredAsync(App);
        await AskAsync(App, id);                       // wait opens 11-02
        App.Clock.Now = At("2026-11-05");
        await AnswerAsync(App, id);                    // insufficient reply 11-05
        App.Clock.Now = At("2026-11-09");
        await AskAsync(App, id);                       // follow-up 2 working days later: the same wait continues
        App.Clock.Now = At("2026-11-12");
        await AnswerAsync(App, id);                    // complete reply 11-12

        var request = await LoadAsync(App, id);
        var wait = Assert.Single(request.WaitingPeriods);
        Assert.Equal(D("2026-11-02"), wait.RequestedOn);
        Assert.Equal(D("2026-11-12"), wait.ReceivedOn);
        Assert.Equal(D("2026-12-14"), request.DueOn); // 2026-12-02 + 10 days = Sat 12-12 → Mon 12-14 (not + 3 + 3)
        Assert.Contains(await EventsAsync(App, id), e => e.Type == "request.waiting" && e.Summary.Contains("continues (CLK-3)", StringComparison.Ordinal));
    }

    public static TheoryData<int> ReminderDays => new() { 7, 14, 20 };

    [Theory]
    [MemberData(nameof(ReminderDays))]
    public async Task Should_remind_once_WAITING_REMINDER_DAYS_after_the_question_CLK4(int reminderDays)
    {
        App.Clock.Now = At("2026-11-02");
        var id = await RegisteredAsync(App);
        await AskAsync(App, id);

        App.Clock.Now = At("2026-11-02").AddDays(reminderDays - 1);
        Assert.Equal(0, (await RunJobAsync(App, reminderDays: reminderDays)).Reminded);
        App.Clock.Now = At("2026-11-02").AddDays(reminderDays);
        Assert.Equal(1, (await RunJobAsync(App, reminderDays: reminderDays)).Reminded);
        Assert.Equal(0, (await RunJobAsync(App, reminderDays: reminderDays)).Reminded); // once per question

        var reminder = Assert.Single(await MailAsync(App, id), m => m.Template == "lifecycle-reminder");
        Assert.Contains("2026-11-02", reminder.Body, StringComparison.Ordinal);
        Assert.Contains("2026-12-02", reminder.Body, StringComparison.Ordinal); // ABANDON_AFTER_DAYS = 30 after the question
        Assert.Equal(D("2026-11-02").AddDays(reminderDays), Assert.Single((await LoadAsync(App, id)).WaitingPeriods).RemindedOn);
    }

    public static TheoryData<int> AbandonDays => new() { 14, 30, 45 };

    [Theory]
    [MemberData(nameof(AbandonDays))]
    public async Task Should_close_as_abandoned_ABANDON_AFTER_DAYS_after_the_last_question_with_a_notice_CLK4(int abandonDays)
    {
        App.Clock.Now = At("2026-11-02");
        var id = await RegisteredAsync(App, "nl");
        await AskAsync(App, id);
        App.Clock.Now = At("2026-11-04");
        await AnswerAsync(App, id);
        await AskAsync(App, id); // the last question, 11-04: the clock for abandonment runs from here

        App.Clock.Now = At("2026-11-04").AddDays(abandonDays - 1);
        Assert.Equal(0, (await RunJobAsync(App, abandonDays: abandonDays)).Abandoned);
        Assert.Equal(RequestStatus.AwaitingDataSubject, (await LoadAsync(App, id)).Status);
        App.Clock.Now = At("2026-11-04").AddDays(abandonDays);
        Assert.Equal(1, (await RunJobAsync(App, abandonDays: abandonDays)).Abandoned);

        Assert.Equal(RequestStatus.Abandoned, (await LoadAsync(App, id)).Status);
        var notice = Assert.Single(await MailAsync(App, id), m => m.Template == "lifecycle-abandoned");
        Assert.Contains($"binnen {abandonDays} dagen", notice.Body, StringComparison.Ordinal);
        Assert.Contains("Gegevensbeschermingsautoriteit", notice.Body, StringComparison.Ordinal); // Art. 12(4) elements
        Assert.DoesNotContain("gegevens over u", notice.Body, StringComparison.OrdinalIgnoreCase); // never says whether data exist
    }

    [Fact]
    public async Task Should_refresh_the_provisional_due_date_daily_and_audit_it_CLK3_section_1_9()
    {
        App.Clock.Now = At("2026-11-02");
        var id = await RegisteredAsync(App);
        await AskAsync(App, id);
        App.Clock.Now = At("2026-11-05");

        var report = await RunJobAsync(App);

        Assert.True(report.Ran);
        Assert.Equal(1, report.Refreshed);
        var request = await LoadAsync(App, id);
        Assert.True(request.DueIsProvisional);
        Assert.Equal(D("2026-12-07"), request.DueOn); // 3 days so far: Sat 12-05 → Mon 12-07
        Assert.Contains(await EventsAsync(App, id), e => e.Type == "deadlines.recomputed" && e.Summary.Contains("daily refresh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_tell_the_person_when_staff_record_their_answer_CLK3()
    {
        App.Clock.Now = At("2026-11-02");
        var id = await RegisteredAsync(App, "fr");
        await AskAsync(App, id);
        App.Clock.Now = At("2026-11-04");

        await Assert.ThrowsAsync<ValidationException>(async () => await App.SendAsync(new RecordAnswer.Command
        {
            RequestId = id, Version = await VersionAsync(App, id), Summary = " ",
        }, Roles.Dpo));
        await Assert.ThrowsAsync<DomainException>(async () => await App.SendAsync(new RecordAnswer.Command
        {
            RequestId = id, Version = await VersionAsync(App, id), Summary = "Lettre", ReceivedOn = D("2026-11-01"),
        }, Roles.Dpo));
        await AnswerAsync(App, id);

        var mail = await MailAsync(App, id);
        Assert.Contains(mail, m => m.Template == "lifecycle-question");
        var received = Assert.Single(mail, m => m.Template == "lifecycle-answer-received");
        Assert.Contains("2026-11-04", received.Body, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Received, (await LoadAsync(App, id)).Status);
    }

    [Fact]
    public async Task Should_flag_a_full_refusal_after_an_extension_that_misses_the_unextended_due_date_EXT7()
    {
        App.Clock.Now = At("2026-11-02"); // due 2026-12-02
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var onTime = await App.AddRequestAsync(candidate, RequestType.Access, RequestType.Erasure);
        var late = await App.AddRequestAsync(candidate, RequestType.Access, RequestType.Erasure);
        foreach (var r in new[] { onTime, late })
        {
            await App.SendAsync(new ExtendRequest.Command
            {
                RequestId = r.Id, Version = await VersionAsync(App, r.Id), ReasonCode = "several-rights", ReasonDetails = "Access and erasure together",
                NewDueOn = D("2027-01-15"),
            }, Roles.Dpo);
        }
        // DL-6, EXT-5: one due date and one extension for the whole combined request.
        var second = await Assert.ThrowsAsync<DomainException>(async () => await App.SendAsync(new ExtendRequest.Command
        {
            RequestId = onTime.Id, Version = await VersionAsync(App, onTime.Id), ReasonCode = "several-rights", ReasonDetails = "again",
            NewDueOn = D("2027-01-20"),
        }, Roles.Dpo));
        Assert.Equal("EXT-5", second.Rule);

        App.Clock.Now = At("2026-12-02");
        await RefuseAsync(onTime.Id);
        App.Clock.Now = At("2026-12-03");
        await RefuseAsync(late.Id);

        var stored = await LoadAsync(App, late.Id);
        Assert.Equal(D("2026-12-02"), stored.NoActionDueOn);
        Assert.Equal(D("2027-01-15"), stored.CurrentDueOn);
        Assert.DoesNotContain(await EventsAsync(App, onTime.Id), e => e.Type == "request.refusal-late");
        var flagged = Assert.Single(await EventsAsync(App, late.Id), e => e.Type == "request.refusal-late");
        Assert.Contains("2026-12-02", flagged.Summary, StringComparison.Ordinal);
        Assert.Contains("EXT-7", flagged.Summary, StringComparison.Ordinal);
    }

    private async Task RefuseAsync(Guid id) =>
        await App.SendAsync(new DecideRequest.Command
        {
            RequestId = id, Version = await VersionAsync(App, id), Outcome = DecisionOutcome.Refused, ReasonCode = "other", ReasonDetails = "Test refusal",
        }, Roles.Dpo);

    private async Task RefuseAndAnswerAsync(Guid id)
    {
        await AnswerAsync(App, id);
        await App.SendAsync(new DecideRequest.Command
        {
            RequestId = id, Version = await VersionAsync(App, id), Outcome = DecisionOutcome.Refused, ReasonCode = "identity-not-established",
        }, Roles.Dpo);
        await ChangeAsync(id, (r, now) => r.MarkFinalAnswerSent(now, "dpo@test"));
    }

    private Task ChangeAsync(Guid id, Action<DataSubjectRequest, DateTimeOffset> change) => App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PrivacyDeskDbContext>();
        var request = await db.Requests.Include(r => r.WaitingPeriods).Include(r => r.Messages).SingleAsync(r => r.Id == id);
        change(request, App.Clock.GetUtcNow());
        await db.SaveChangesAsync();
    });
}
