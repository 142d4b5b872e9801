using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.UnitTests.Requests;

/// <summary>The request lifecycle (product.md §2): every transition is guarded and audited.</summary>
public sealed class DataSubjectRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static DataSubjectRequest NewRequest(params RequestType[] types)
    {
        var request = DataSubjectRequest.Receive("PD-2026-000001", Channel.Web, Now, Today, Now, Today, "nl",
            new DataSubjectRequest.Requester("An", "Peeters", "an@example.be", null, new DateOnly(1990, 4, 12)),
            (types.Length == 0 ? [RequestType.Access] : types).Select(t => new DataSubjectRequest.SubRequestInput(t, null)).ToList(),
            null, true, "hash", null, "candidate");
        request.SetDeadlines(new DateOnly(2026, 12, 23), new DateOnly(2027, 2, 23), new DateOnly(2026, 12, 23), false);
        return request;
    }

    private static DataSubjectRequest Verified(params RequestType[] types)
    {
        var request = NewRequest(types);
        request.EstablishIdentity("e-mail link", Now, Today, "dpo");
        return request;
    }

    [Fact]
    public void Should_receive_with_one_sub_request_per_right_and_an_audit_event_DL6()
    {
        var request = NewRequest(RequestType.Erasure, RequestType.Restriction);

        Assert.Equal(RequestStatus.Received, request.Status);
        Assert.True(request.IsCombined);
        Assert.Equal(2, request.SubRequests.Count);
        Assert.Contains(request.Events, e => e.Type == "request.received");
    }

    [Fact]
    public void Should_refuse_a_future_receipt_date_DL4()
    {
        var ex = Assert.Throws<DomainException>(() => DataSubjectRequest.Receive("PD-1", Channel.Post, Now.AddDays(2), Today.AddDays(2), Now, Today, "nl",
            new DataSubjectRequest.Requester("A", "B", "a@b.be", null, null), [new(RequestType.Access, null)], null, false, "h", null, "dpo"));

        Assert.Equal("DL-4", ex.Rule);
    }

    [Fact]
    public void Should_flag_a_receipt_date_more_than_three_days_before_registration_DL4()
    {
        var request = DataSubjectRequest.Receive("PD-1", Channel.Post, Now.AddDays(-4), Today.AddDays(-4), Now, Today, "nl",
            new DataSubjectRequest.Requester("A", "B", "a@b.be", null, null), [new(RequestType.Access, null)], null, false, "h", null, "dpo");

        Assert.True(request.ReceiptDateFlagged);
    }

    [Fact]
    public void Should_refuse_the_same_right_twice_in_one_submission()
    {
        Assert.Throws<DomainException>(() => NewRequest(RequestType.Access, RequestType.Access));
    }

    [Fact]
    public void Should_move_to_review_once_identity_is_established_and_record_the_check_ID4()
    {
        var request = Verified();

        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Equal(IdentityStatus.Verified, request.IdentityStatus);
        Assert.Contains(request.Events, e => e.Type == "identity.verified" && e.Summary.Contains("2026-11-23", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_open_and_close_a_waiting_period_when_asking_the_data_subject_CLK3()
    {
        var request = NewRequest();
        request.AskDataSubject(WaitingReason.Identity, "Two candidates share this name.", true, Today, Now, "dpo");

        Assert.Equal(RequestStatus.AwaitingDataSubject, request.Status);
        Assert.Equal(WaitingReason.Identity, request.WaitingReason);
        Assert.Null(Assert.Single(request.WaitingPeriods).ReceivedOn);

        request.ReceiveFromDataSubject(Today.AddDays(5), Now.AddDays(5), "candidate");

        Assert.Equal(Today.AddDays(5), request.WaitingPeriods[0].ReceivedOn);
        Assert.Equal(RequestStatus.Received, request.Status);
    }

    [Fact]
    public void Should_require_a_recorded_reason_to_ask_for_identity_information_ID1()
    {
        var ex = Assert.Throws<DomainException>(() => NewRequest().AskDataSubject(WaitingReason.Identity, " ", true, Today, Now, "dpo"));

        Assert.Equal("ID-1", ex.Rule);
    }

    [Fact]
    public void Should_refuse_without_reasons_N1()
    {
        var request = Verified();

        var ex = Assert.Throws<DomainException>(() => request.Decide(DecisionOutcome.Refused, "  ", Now, "dpo"));

        Assert.Equal("N1", ex.Rule);
        Assert.Equal(RequestStatus.InReview, request.Status);
    }

    [Fact]
    public void Should_not_approve_before_identity_is_settled_ID1()
    {
        var request = NewRequest();

        Assert.Throws<DomainException>(() => request.Decide(DecisionOutcome.Approved, null, Now, "dpo"));
    }

    [Fact]
    public void Should_decide_sub_requests_one_by_one_for_a_partial_approval()
    {
        var request = Verified(RequestType.Erasure, RequestType.Access);
        var erasure = request.SubRequests.Single(s => s.Type == RequestType.Erasure);

        request.Decide(DecisionOutcome.PartiallyApproved, "Payroll kept (Art. 17(3)(b))", Now, "dpo",
            new Dictionary<Guid, (DecisionOutcome, string?)> { [erasure.Id] = (DecisionOutcome.PartiallyApproved, "Payroll kept") });

        Assert.Equal(RequestStatus.PartiallyApproved, request.Status);
        Assert.Equal(DecisionOutcome.PartiallyApproved, erasure.Outcome);
        Assert.Equal(DecisionOutcome.PartiallyApproved, request.SubRequests.Single(s => s.Type == RequestType.Access).Outcome);
    }

    [Fact]
    public void Should_extend_once_with_reasons_up_to_the_maximum_EXT5()
    {
        var request = Verified();

        request.Extend("complexity", "Data spread over several systems", new DateOnly(2027, 2, 23), Today, Now, "dpo");

        Assert.Equal(new DateOnly(2027, 2, 23), request.CurrentDueOn);
        var twice = Assert.Throws<DomainException>(() => request.Extend("complexity", "again", new DateOnly(2027, 2, 22), Today, Now, "dpo"));
        Assert.Equal("EXT-5", twice.Rule);
    }

    [Fact]
    public void Should_refuse_an_extension_recorded_after_the_due_date_EXT2()
    {
        var request = Verified();

        var ex = Assert.Throws<DomainException>(() => request.Extend("complexity", "late", new DateOnly(2027, 2, 1), new DateOnly(2026, 12, 24), Now, "dpo"));

        Assert.Equal("EXT-2", ex.Rule);
        Assert.Null(request.ExtendedDueOn);
    }

    [Fact]
    public void Should_refuse_an_extension_beyond_three_months_EXT3()
    {
        var ex = Assert.Throws<DomainException>(() => Verified().Extend("complexity", "x", new DateOnly(2027, 3, 1), Today, Now, "dpo"));

        Assert.Equal("EXT-3", ex.Rule);
    }

    [Fact]
    public void Should_only_close_after_completion_and_the_final_answer()
    {
        var request = Verified();
        request.Decide(DecisionOutcome.Approved, null, Now, "dpo");
        request.StartExecution(Now, "bo");
        request.StartExecution(Now, "bo"); // idempotent
        request.Complete(Now, "bo", []);

        Assert.Throws<DomainException>(() => request.Close(Now, "bo"));
        request.MarkFinalAnswerSent(Now, "bo");
        request.Close(Now, "bo");

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal("bo", request.ClosedBy);
        Assert.False(request.IsOpen);
        Assert.Equal(1, request.Events.Count(e => e.Type == "request.execution-started"));
    }

    [Fact]
    public void Should_not_complete_while_a_task_is_open_nor_answer_before_completion_ER10()
    {
        var request = Verified();
        request.Decide(DecisionOutcome.Approved, null, Now, "dpo");
        request.StartExecution(Now, "bo");
        var notice = new PrivacyDesk.Domain.Operations.WorkTask(request.Id, PrivacyDesk.Domain.Operations.WorkTaskKind.NotifyRecipient, "Notify Acme NV (Art. 19)", "send", "Art. 19", Now);
        var answer = new PrivacyDesk.Domain.Operations.WorkTask(request.Id, PrivacyDesk.Domain.Operations.WorkTaskKind.SendFinalAnswer, "Send the final answer", "send", "ER-10", Now);

        var ex = Assert.Throws<DomainException>(() => request.Complete(Now, "bo", [notice, answer]));
        Assert.Equal("ER-10", ex.Rule);
        Assert.Throws<DomainException>(() => request.MarkFinalAnswerSent(Now, "bo"));
        Assert.Throws<DomainException>(() => notice.Finish(PrivacyDesk.Domain.Operations.WorkTaskStatus.NotPossible, " ", "bo", Now));

        notice.Finish(PrivacyDesk.Domain.Operations.WorkTaskStatus.NotPossible, "Acme NV went bankrupt in 2025; no contact exists.", "bo", Now);
        request.Complete(Now, "bo", [notice, answer]);
        Assert.Equal(RequestStatus.Completed, request.Status);
    }

    [Fact]
    public void Should_let_the_candidate_withdraw_before_execution_but_not_after()
    {
        var open = NewRequest();
        open.Withdraw(Now, "candidate");
        Assert.Equal(RequestStatus.Withdrawn, open.Status);

        var executing = Verified();
        executing.Decide(DecisionOutcome.Approved, null, Now, "dpo");
        executing.StartExecution(Now, "bo");
        Assert.Throws<DomainException>(() => executing.Withdraw(Now, "candidate"));
    }

    [Fact]
    public void Should_abandon_only_after_the_configured_wait_CLK4()
    {
        var request = NewRequest();
        request.AskDataSubject(WaitingReason.Identity, "Need date of birth.", true, Today, Now, "dpo");

        var early = Assert.Throws<DomainException>(() => request.Abandon(Today.AddDays(29), 30, Now, "system"));
        Assert.Equal("CLK-4", early.Rule);

        request.Abandon(Today.AddDays(30), 30, Now, "system");
        Assert.Equal(RequestStatus.Abandoned, request.Status);
    }

    [Fact]
    public void Should_minimise_a_closed_case_file_but_never_an_open_one_RET12()
    {
        var open = NewRequest();
        Assert.Throws<DomainException>(() => open.Minimise(Now));

        open.Withdraw(Now, "candidate");
        open.AddMessage(false, false, "dpo", "Your data", Now);
        open.Minimise(Now);

        Assert.Equal("", open.RequesterEmail);
        Assert.Null(open.RequesterDateOfBirth);
        Assert.All(open.Messages, m => Assert.Equal("(redacted)", m.Body));
        Assert.NotNull(open.MinimisedAt);
    }

    [Fact]
    public void Should_reject_an_expired_or_wrong_verification_link()
    {
        var request = NewRequest();
        request.IssueVerificationToken("good", Now.AddHours(48), Now, "system");

        Assert.Throws<DomainException>(() => request.ConfirmEmail("bad", Now));
        Assert.Throws<DomainException>(() => request.ConfirmEmail("good", Now.AddHours(49)));
        request.ConfirmEmail("good", Now.AddHours(1));
        Assert.Equal(IdentityStatus.EmailVerified, request.IdentityStatus);
    }
}

public sealed class LegalHoldTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void Should_require_a_justification_for_an_all_purposes_hold_LH2()
    {
        var ex = Assert.Throws<DomainException>(() => LegalHold.Place(Guid.NewGuid(), true, [], LegalHoldReason.Litigation, "AR/2026/123",
            "Labour court claim", null, "Final judgment + appeal period", Today.AddMonths(3), "dpo", Now, Today));

        Assert.Equal("LH-2", ex.Rule);
    }

    [Fact]
    public void Should_cover_only_its_purposes_while_active_and_lift_with_a_reason_when_placed_by_another_LH4()
    {
        var hold = LegalHold.Place(Guid.NewGuid(), false, ["payroll"], LegalHoldReason.Dispute, "D-1", "Wage dispute", null,
            "Claim settled", Today.AddMonths(6), "dpo-a", Now, Today);

        Assert.True(hold.Covers("payroll"));
        Assert.False(hold.Covers("application"));
        Assert.Equal("LH-7", Assert.Throws<DomainException>(() => hold.Lift("dpo-b", null, Now)).Rule);
        // LH-7: the person who placed it gives a reason too.
        Assert.Equal("LH-7", Assert.Throws<DomainException>(() => hold.Lift("dpo-a", " ", Now)).Rule);
        Assert.True(hold.IsActive);

        hold.Lift("dpo-b", "Settled on 2026-11-20", Now);
        Assert.False(hold.Covers("payroll"));
        Assert.Throws<DomainException>(() => hold.Lift("dpo-a", null, Now));
    }

    [Fact]
    public void Should_refuse_a_review_date_beyond_the_maximum_interval_LH5()
    {
        var ex = Assert.Throws<DomainException>(() => LegalHold.Place(Guid.NewGuid(), false, ["payroll"], LegalHoldReason.Dispute, "D-1",
            "Wage dispute", null, "Claim settled", Today.AddMonths(7), "dpo", Now, Today));

        Assert.Equal("LH-5", ex.Rule);
    }
}
