using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Domain.Requests;

/// <summary>Review, decision and the end of the case: assignment, decision (Art. 12(4)), execution, final answer, closing, withdrawal.</summary>
public sealed partial class DataSubjectRequest
{
    public void Assign(string? assignee, DateTimeOffset now, string actor)
    {
        EnsureOpen();
        AssignedTo = string.IsNullOrWhiteSpace(assignee) ? null : assignee;
        Record(now, actor, "request.assigned", AssignedTo is null ? "Unassigned." : $"Assigned to {AssignedTo}.");
    }

    public void FlagDuplicate(string otherReference, DateTimeOffset now, string actor)
    {
        DuplicateSuspected = true;
        Record(now, actor, "request.duplicate-suspected", $"Same person and right as open request {otherReference}.");
    }

    /// <summary>Approve, partially approve or refuse. Refusals and partial approvals need reasons (Art. 12(4)).</summary>
    public void Decide(DecisionOutcome outcome, string? reason, DateTimeOffset now, string actor,
        IReadOnlyDictionary<Guid, (DecisionOutcome Outcome, string? Reason)>? perSubRequest = null)
    {
        if (Status is not (RequestStatus.InReview or RequestStatus.Received))
            throw new DomainException("decision.state", $"A request that is {Status} cannot be decided.");
        if (outcome != DecisionOutcome.Approved && string.IsNullOrWhiteSpace(reason))
            throw new DomainException("decision.reason", "A refusal or partial approval must state its reasons.", "N1");
        if (outcome == DecisionOutcome.Approved && IdentityStatus is not (IdentityStatus.Verified or IdentityStatus.NoDataHeld or IdentityStatus.EmailVerified))
            throw new DomainException("decision.identity", "Identity must be settled before a request is approved.", "ID-1");

        foreach (var sub in SubRequests)
        {
            if (perSubRequest is not null && perSubRequest.TryGetValue(sub.Id, out var own))
                sub.Decide(own.Outcome, own.Reason);
            else
                sub.Decide(outcome, reason);
        }
        Outcome = outcome;
        DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        DecidedAt = now;
        DecidedBy = actor;
        Status = outcome switch
        {
            DecisionOutcome.Approved => RequestStatus.Approved,
            DecisionOutcome.PartiallyApproved => RequestStatus.PartiallyApproved,
            _ => RequestStatus.Refused,
        };
        Record(now, actor, "request.decided", $"Decision: {outcome}.");
        var today = Deadlines.BrusselsTime.ToBrusselsDate(now);
        if (outcome == DecisionOutcome.Refused && ExtendedDueOn is not null && today > NoActionDueOn)
            Record(now, actor, "request.refusal-late",
                $"Full refusal notified on {today:yyyy-MM-dd}, after the un-extended due date {NoActionDueOn:yyyy-MM-dd}: the extension to {ExtendedDueOn:yyyy-MM-dd} does not cover a decision not to act (EXT-7).");
        // A decision settles identity either way: established, or refused as not established (ID-6, ID-9).
        DeleteIdentityProofs(now, actor, $"decision {outcome}");
    }

    public void StartExecution(DateTimeOffset now, string actor)
    {
        if (Status is RequestStatus.InExecution)
            return; // idempotent: executing twice is the same as once
        if (Status is not (RequestStatus.Approved or RequestStatus.PartiallyApproved))
            throw new DomainException("execution.state", $"A request that is {Status} cannot be carried out.");
        Status = RequestStatus.InExecution;
        Record(now, actor, "request.execution-started", "Execution started.");
    }

    /// <summary>
    /// Completes a carried-out request once every back-office task (Art. 19 notices, erasure outside the system,
    /// rectification elsewhere) is done or closed as impossible with its reason (ER-9, ER-10); only the final
    /// answer itself may still be open, since it follows completion.
    /// </summary>
    public void Complete(DateTimeOffset now, string actor, IEnumerable<Operations.WorkTask> tasks)
    {
        if (Status is not RequestStatus.InExecution)
            throw new DomainException("completion.state", $"A request that is {Status} cannot be completed.");
        var open = tasks.Count(t => t.RequestId == Id && t.Kind != Operations.WorkTaskKind.SendFinalAnswer && t.Status == Operations.WorkTaskStatus.Open);
        if (open > 0)
            throw new DomainException("completion.open-tasks", $"{open} task(s) are still open: finish each one, or close it as not possible with the reason.", "ER-10");
        Status = RequestStatus.Completed;
        CompletedAt = now;
        Record(now, actor, "request.completed", "All work carried out.");
    }

    public void MarkFinalAnswerSent(DateTimeOffset now, string actor)
    {
        // ER-10: the final answer states what was done, so it follows completion (or a refusal), never open work.
        if (Status is not (RequestStatus.Completed or RequestStatus.Refused))
            throw new DomainException("answer.state", $"No final answer can be sent for a request that is {Status}.", "ER-10");
        FinalAnswerSentAt = now;
        Record(now, actor, "request.final-answer-sent", "Final answer sent to the data subject.");
    }

    public void Close(DateTimeOffset now, string actor)
    {
        if (Status is not (RequestStatus.Completed or RequestStatus.Refused))
            throw new DomainException("close.state", $"A request that is {Status} cannot be closed.");
        if (FinalAnswerSentAt is null)
            throw new DomainException("close.no-answer", "The final answer has not been sent yet.", "CLK-RESP");
        Status = RequestStatus.Closed;
        ClosedAt = now;
        ClosedBy = actor;
        Record(now, actor, "request.closed", "Case closed.");
        DeleteIdentityProofs(now, actor, "case closed");
    }

    public void Withdraw(DateTimeOffset now, string actor)
    {
        if (Status is not (RequestStatus.Received or RequestStatus.AwaitingDataSubject or RequestStatus.InReview
            or RequestStatus.Approved or RequestStatus.PartiallyApproved))
            throw new DomainException("withdraw.state", $"A request that is {Status} can no longer be withdrawn.");
        Status = RequestStatus.Withdrawn;
        ClosedAt = now;
        ClosedBy = actor;
        Record(now, actor, "request.withdrawn", "Withdrawn by the data subject.");
        DeleteIdentityProofs(now, actor, "request withdrawn");
    }
}
