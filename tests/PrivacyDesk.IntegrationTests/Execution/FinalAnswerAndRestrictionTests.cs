using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Execution;

namespace PrivacyDesk.IntegrationTests.Execution;

public sealed class FinalAnswerAndRestrictionTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<PrivacyDesk.Domain.Operations.OutboxMessage> AnswerAsync(Guid requestId)
    {
        var result = await App.SendAsync(new SendFinalAnswer.Command { RequestId = requestId }, Roles.BackOffice);
        return await App.WithDbAsync(db => db.Outbox.AsNoTracking().FirstAsync(m => m.Id == result.MessageId));
    }

    [Fact]
    public async Task Should_state_what_was_done_what_is_kept_until_when_and_the_right_to_complain_ER10()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id);
        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);
        await App.FinishTasksAsync(request.Id); // ER-10: the answer follows the finished tasks

        var mail = await AnswerAsync(request.Id);

        Assert.Equal("final-answer-completed", mail.Template);
        Assert.Equal("en", mail.Language);
        Assert.Equal(worker.Email, mail.ToAddress);
        Assert.Contains(request.Reference, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("What we keep", mail.BodyText, StringComparison.Ordinal);
        // The kind of data in words, the date in the reader's format, the ground after the reason; no internal codes.
        Assert.Matches(@"- Payroll records \(\d+\), until 31 December 2029: [^\n]+\(Art\. 17\(3\)\(b\) GDPR\)", mail.BodyText);
        Assert.DoesNotContain("PayrollRecords", mail.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("2029-12-31", mail.BodyText, StringComparison.Ordinal);
        Assert.Contains("Data Protection Authority", mail.BodyText, StringComparison.Ordinal);
        Assert.Contains("Art. 79", mail.BodyText, StringComparison.Ordinal);
        var saved = await App.WithDbAsync(db => db.Requests.AsNoTracking().FirstAsync(r => r.Id == request.Id));
        Assert.NotNull(saved.FinalAnswerSentAt);
        await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new SendFinalAnswer.Command { RequestId = request.Id }, Roles.BackOffice));
    }

    [Fact]
    public async Task Should_give_the_reasons_and_the_complaint_block_in_a_refusal_N1_N2()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id, DecisionOutcome.Refused, "Manifestly excessive: the fourth identical request this month (Art. 12(5)).");

        var mail = await AnswerAsync(request.Id);

        Assert.Equal("final-answer-refused", mail.Template);
        Assert.Contains("fourth identical request", mail.BodyText, StringComparison.Ordinal);
        Assert.Contains("contact@apd-gba.be", mail.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_say_plainly_that_no_data_are_held_in_the_requesters_language()
    {
        await App.ImportPackAsync("asap");
        var request = await App.AddRequestAsync(null, RequestType.Erasure);
        await App.DecideAsync(request.Id, before: r => r.MarkNoDataHeld(App.Clock.GetUtcNow(), "dpo"));
        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);
        await App.FinishTasksAsync(request.Id); // ER-10: the answer follows the finished tasks

        var mail = await AnswerAsync(request.Id);

        Assert.Equal("final-answer-no-data", mail.Template);
        Assert.Contains("We do not hold any personal data about you", mail.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_use_the_partial_template_with_reasons_for_a_partial_approval()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id, DecisionOutcome.PartiallyApproved, "Payroll records are kept by law.");
        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);
        await App.FinishTasksAsync(request.Id); // ER-10: the answer follows the finished tasks

        var mail = await AnswerAsync(request.Id);

        Assert.Equal("final-answer-partial", mail.Template);
        Assert.Contains("Payroll records are kept by law.", mail.BodyText, StringComparison.Ordinal);
        Assert.Contains("Art. 12(4)", mail.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_leave_restricted_people_out_of_candidate_search_and_marketing_selection_RS2()
    {
        await App.ImportPackAsync("asap");
        void Newsletter(Candidate c) => c.Consents.Add(new Consent { CandidateId = c.Id, PurposeCode = "newsletter", GivenAt = App.Clock.GetUtcNow().AddYears(-1), Method = "web", CollectedOn = new DateOnly(2025, 11, 1) });
        var restricted = await App.AddCandidateAsync(c => { c.LastName = "Zeldzaam"; c.ExternalReference = null; Newsletter(c); }, seed: 11);
        var other = await App.AddCandidateAsync(c => { c.LastName = "Zeldzaamheid"; c.ExternalReference = null; Newsletter(c); }, seed: 12);
        var request = await App.AddRequestAsync(restricted, RequestType.Restriction);
        await App.DecideAsync(request.Id);

        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        var hits = await App.SendAsync(new CandidateSearch.Query { Text = "zeldzaam" }, Roles.BackOffice);
        Assert.DoesNotContain(hits, h => h.Id == restricted.Id);
        Assert.Contains(hits, h => h.Id == other.Id);
        var mailing = await App.SendAsync(new MarketingSelection.Query { PurposeCode = "newsletter" }, Roles.BackOffice);
        Assert.DoesNotContain(mailing, m => m.CandidateId == restricted.Id);
        Assert.Contains(mailing, m => m.CandidateId == other.Id);
    }

    [Fact]
    public async Task Should_refuse_to_lift_a_restriction_before_the_person_was_told_RS4()
    {
        // CLK-LIFT: the notice goes out RESTRICTION_LIFT_NOTICE_WORKING_DAYS before the lift takes effect.
        await App.ImportPackAsync("asap");
        var person = await App.AddCandidateAsync(c => c.Restricted = true);

        await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new LiftRestriction.Command { CandidateId = person.Id, Reason = "accuracy checked" }, Roles.BackOffice));
        var liftOn = await App.SendAsync(new SendRestrictionLiftNotice.Command { CandidateId = person.Id, Reason = "accuracy checked" }, Roles.BackOffice);
        await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new LiftRestriction.Command { CandidateId = person.Id, Reason = "accuracy checked" }, Roles.BackOffice));

        App.Clock.Now = App.Clock.Now.AddDays(8); // 2026-11-23 + 8 days: more than 5 working days later
        var lifted = await App.SendAsync(new LiftRestriction.Command { CandidateId = person.Id, Reason = "accuracy checked" }, Roles.BackOffice);

        Assert.True(liftOn > new DateOnly(2026, 11, 27));
        Assert.True(lifted >= 1);
        Assert.False(await App.WithDbAsync(db => db.Candidates.IgnoreQueryFilters().Where(c => c.Id == person.Id).Select(c => c.Restricted).FirstAsync()));
        Assert.Single(await App.WithDbAsync(db => db.Outbox.Where(m => m.Template == "restriction-lift-notice").ToListAsync()));
    }

    [Fact]
    public async Task Should_lift_at_the_persons_own_request_without_a_notice_RS4()
    {
        await App.ImportPackAsync("asap");
        var person = await App.AddCandidateAsync(c => c.Restricted = true);

        await App.SendAsync(new LiftRestriction.Command { CandidateId = person.Id, AtPersonsOwnRequest = true, Reason = "asked by e-mail" }, Roles.BackOffice);

        Assert.False(await App.WithDbAsync(db => db.Candidates.IgnoreQueryFilters().Where(c => c.Id == person.Id).Select(c => c.Restricted).FirstAsync()));
    }
}
