using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Domain.Requests;

/// <summary>
/// A case: one submission by one person, with a sub-request per right (product.md §4 "combined
/// requests"). Every transition is a method that checks it is allowed and appends an audit event.
/// </summary>
public sealed partial class DataSubjectRequest
{
    private static readonly RequestStatus[] Terminal = [RequestStatus.Closed, RequestStatus.Withdrawn, RequestStatus.Abandoned];

    private DataSubjectRequest() { }

    public Guid Id { get; private set; } = Ids.New();

    /// <summary>Public reference such as PD-2026-000042.</summary>
    public string Reference { get; private set; } = "";

    public RequestStatus Status { get; private set; }
    public WaitingReason? WaitingReason { get; private set; }
    public Channel Channel { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Brussels calendar date of receipt (DL-1); the clock runs from here.</summary>
    public DateOnly ReceivedOn { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>DL-4: receipt date more than 3 days before registration, flagged for the DPO.</summary>
    public bool ReceiptDateFlagged { get; private set; }

    public string Language { get; private set; } = "nl";
    public string RequesterFirstName { get; private set; } = "";
    public string RequesterLastName { get; private set; } = "";
    public string RequesterEmail { get; private set; } = "";
    public string? RequesterPhone { get; private set; }
    public DateOnly? RequesterDateOfBirth { get; private set; }
    public bool ContactConsent { get; private set; }

    /// <summary>Free text the person wrote ("what is this about").</summary>
    public string? Description { get; private set; }

    public Guid? CandidateId { get; private set; }
    public IdentityStatus IdentityStatus { get; private set; }
    public string? IdentityMethod { get; private set; }
    public DateTimeOffset? IdentityCheckedAt { get; private set; }
    public string? IdentityCheckedBy { get; private set; }

    public DateOnly DueOn { get; private set; }
    public DateOnly ConservativeDueOn { get; private set; }
    public DateOnly MaxExtendedDueOn { get; private set; }
    public bool DueIsProvisional { get; private set; }
    public DateOnly? ExtendedDueOn { get; private set; }
    public string? ExtensionReasonCode { get; private set; }
    public string? ExtensionReason { get; private set; }
    public DateOnly? ExtensionNotifiedOn { get; private set; }

    public string? AssignedTo { get; private set; }
    public bool DuplicateSuspected { get; private set; }

    public DecisionOutcome? Outcome { get; private set; }
    public string? DecisionReason { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset? FinalAnswerSentAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public DateTimeOffset? MinimisedAt { get; private set; }

    /// <summary>Hidden client GUID of the web form / API Idempotency-Key: double submissions make one request.</summary>
    public string? SubmissionKey { get; private set; }

    public string StatusTokenHash { get; private set; } = "";

    /// <summary>A status link sent on request (Find) that replaces the current one only once it is used.</summary>
    public string? PendingStatusTokenHash { get; private set; }
    public string? VerificationTokenHash { get; private set; }
    public DateTimeOffset? VerificationExpiresAt { get; private set; }

    /// <summary>PostgreSQL xmin: two decisions on one request cannot both win.</summary>
    public uint Version { get; private set; }

    public List<SubRequest> SubRequests { get; private set; } = [];
    public List<WaitingPeriod> WaitingPeriods { get; private set; } = [];
    public List<RequestMessage> Messages { get; private set; } = [];
    public List<AuditEvent> Events { get; private set; } = [];

    /// <summary>Uploaded identity proofs (ID-6): shredded by every transition that settles identity or ends the case.</summary>
    public List<RequestAttachment> Attachments { get; private set; } = [];

    public bool IsOpen => !Terminal.Contains(Status);

    public bool IsCombined => SubRequests.Count > 1;

    public DateOnly CurrentDueOn => ExtendedDueOn ?? DueOn;

    /// <summary>
    /// EXT-7 (CLK-NOACT): a decision not to act at all is due by the un-extended date whatever the extension;
    /// the due date and its extension belong to the whole request, never to one right (DL-6, EXT-5).
    /// </summary>
    public DateOnly NoActionDueOn => DueOn;

    public string RequesterName => $"{RequesterFirstName} {RequesterLastName}".Trim();

    public IReadOnlyList<RequestType> Types => SubRequests.Select(s => s.Type).ToList();

    public sealed record Requester(string FirstName, string LastName, string Email, string? Phone, DateOnly? DateOfBirth);

    public sealed record SubRequestInput(RequestType Type, string? DetailsJson);

    /// <summary>Registers a request as received on a channel (DL-1..DL-4).</summary>
    public static DataSubjectRequest Receive(string reference, Channel channel, DateTimeOffset receivedAt, DateOnly receivedOn,
        DateTimeOffset now, DateOnly today, string language, Requester requester, IReadOnlyList<SubRequestInput> rights,
        string? description, bool contactConsent, string statusTokenHash, string? submissionKey, string actor)
    {
        if (rights.Count == 0)
            throw new DomainException("request.no-rights", "A request asks for at least one right.");
        if (rights.Select(r => r.Type).Distinct().Count() != rights.Count)
            throw new DomainException("request.duplicate-right", "Each right appears once in a combined request.", "DL-6");
        if (receivedOn > today)
            throw new DomainException("request.future-receipt", "The receipt date cannot be in the future.", "DL-4");

        var request = new DataSubjectRequest
        {
            Reference = reference,
            Status = RequestStatus.Received,
            Channel = channel,
            ReceivedAt = receivedAt,
            ReceivedOn = receivedOn,
            RegisteredAt = now,
            ReceiptDateFlagged = receivedOn < today.AddDays(-3),
            Language = language,
            RequesterFirstName = requester.FirstName.Trim(),
            RequesterLastName = requester.LastName.Trim(),
            RequesterEmail = requester.Email.Trim(),
            RequesterPhone = string.IsNullOrWhiteSpace(requester.Phone) ? null : requester.Phone.Trim(),
            RequesterDateOfBirth = requester.DateOfBirth,
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            ContactConsent = contactConsent,
            StatusTokenHash = statusTokenHash,
            SubmissionKey = submissionKey,
        };
        request.SubRequests.AddRange(rights.Select(r => new SubRequest(request.Id, r.Type, r.DetailsJson)));
        request.Record(now, actor, "request.received",
            $"Received via {channel} on {receivedOn:yyyy-MM-dd}: {string.Join(", ", rights.Select(r => r.Type))}");
        if (request.ReceiptDateFlagged)
            request.Record(now, actor, "request.receipt-flagged", "Receipt date more than 3 days before registration (DL-4).");
        return request;
    }

    /// <summary>Stores the computed statutory dates (the deadline calculator lives in Deadlines/).</summary>
    public void SetDeadlines(DateOnly dueBase, DateOnly maxExtended, DateOnly conservative, bool provisional)
    {
        DueOn = dueBase;
        MaxExtendedDueOn = maxExtended;
        ConservativeDueOn = conservative;
        DueIsProvisional = provisional;
        if (ExtendedDueOn is { } ext && ext > maxExtended)
            ExtendedDueOn = maxExtended;
    }

    /// <summary>The recorded waits as the deadline calculator reads them (CLK-2, CLK-3).</summary>
    public IReadOnlyList<Deadlines.WaitingInterval> WaitingIntervals() =>
        WaitingPeriods
            .Select(w => new Deadlines.WaitingInterval(w.Reason, w.RequestedOn, w.ReceivedOn, w.Necessary, w.LateRequestOverridden))
            .ToList();

    /// <summary>
    /// Stores freshly computed dates after the clock changed (a wait opened or closed, a CLK-2 override, an explicit
    /// recomputation by the DPO after a holiday override, §1.9) and audits every change with the old and new dates,
    /// so a deadline never moves silently. Returns whether anything changed.
    /// </summary>
    public bool RecomputeDeadlines(Deadlines.RequestDeadlines computed, DateTimeOffset now, string actor, string cause)
    {
        ArgumentNullException.ThrowIfNull(computed);
        if (computed.ReceivedOn != ReceivedOn)
            throw new ArgumentException("Deadlines computed for another receipt date.", nameof(computed));
        var before = (DueOn, MaxExtendedDueOn, ConservativeDueOn, DueIsProvisional, ExtendedDueOn);
        SetDeadlines(computed.DueBase, computed.DueExtended, computed.Conservative, computed.IsProvisional);
        var after = (DueOn, MaxExtendedDueOn, ConservativeDueOn, DueIsProvisional, ExtendedDueOn);
        if (before == after)
            return false;
        Record(now, actor, "deadlines.recomputed",
            $"Deadlines recomputed ({cause}): due {before.DueOn:yyyy-MM-dd} → {DueOn:yyyy-MM-dd}{(DueIsProvisional ? " (provisional)" : "")}, " +
            $"maximum extended {before.MaxExtendedDueOn:yyyy-MM-dd} → {MaxExtendedDueOn:yyyy-MM-dd}, " +
            $"conservative {before.ConservativeDueOn:yyyy-MM-dd} → {ConservativeDueOn:yyyy-MM-dd}" +
            (before.ExtendedDueOn != ExtendedDueOn ? $", extended {before.ExtendedDueOn:yyyy-MM-dd} → {ExtendedDueOn:yyyy-MM-dd}" : "") + ".");
        return true;
    }

    public void IssueVerificationToken(string tokenHash, DateTimeOffset expiresAt, DateTimeOffset now, string actor)
    {
        EnsureOpen();
        VerificationTokenHash = tokenHash;
        VerificationExpiresAt = expiresAt;
        Record(now, actor, "identity.link-sent", "E-mail verification link sent (ID-4 step 2).");
    }

    /// <summary>
    /// The person asked for their status link again ("find my request"): a new secret replaces the old
    /// one (only its hash is stored, so the old link cannot be re-sent) and the old link stops working.
    /// </summary>
    /// <summary>
    /// Sends a new status link without revoking the current one: whoever knows the reference and the e-mail address
    /// can ask for a link (it goes to the requester's address), so asking must not cut off the link the requester holds.
    /// </summary>
    public void OfferStatusToken(string tokenHash, DateTimeOffset now, string actor)
    {
        if (string.IsNullOrWhiteSpace(tokenHash))
            throw new DomainException("request.status-token", "A status link needs a token.");
        PendingStatusTokenHash = tokenHash;
        Record(now, actor, "request.status-link-renewed", "Status link sent again at the requester's request.");
    }

    /// <summary>The new status link was opened: it becomes the link, and the previous one stops working.</summary>
    public void AdoptPendingStatusToken(DateTimeOffset now)
    {
        if (PendingStatusTokenHash is null)
            throw new DomainException("request.status-token", "There is no new status link to adopt.");
        StatusTokenHash = PendingStatusTokenHash;
        PendingStatusTokenHash = null;
        Record(now, "candidate", "request.status-link-adopted", "The new status link was opened; the previous one no longer works.");
    }

    /// <summary>ID-4 step 2: the person proved control of the e-mail address.</summary>
    public void ConfirmEmail(string tokenHash, DateTimeOffset now)
    {
        EnsureOpen();
        if (VerificationTokenHash is null || VerificationTokenHash != tokenHash)
            throw new DomainException("identity.link-invalid", "This verification link is not valid.");
        if (VerificationExpiresAt is { } exp && now > exp)
            throw new DomainException("identity.link-expired", "This verification link has expired. Ask for a new one on the status page.");
        VerificationTokenHash = null;
        VerificationExpiresAt = null;
        if (IdentityStatus == IdentityStatus.NotChecked)
            IdentityStatus = IdentityStatus.EmailVerified;
        Record(now, "candidate", "identity.email-confirmed", "Control of the e-mail address confirmed.");
    }

    public void LinkCandidate(Guid candidateId, string why, DateTimeOffset now, string actor)
    {
        EnsureOpen();
        CandidateId = candidateId;
        Record(now, actor, "identity.candidate-linked", $"Linked to candidate record {candidateId}: {why}", candidateId: candidateId);
    }

    /// <summary>Identity established (automatically by matching, or by the DPO); review can start.</summary>
    public void EstablishIdentity(string method, DateTimeOffset now, DateOnly today, string actor)
    {
        EnsureOpen();
        IdentityStatus = IdentityStatus.Verified;
        IdentityMethod = method;
        IdentityCheckedAt = now;
        IdentityCheckedBy = actor;
        CloseWaiting(Requests.WaitingReason.Identity, today);
        if (Status is RequestStatus.Received or RequestStatus.AwaitingDataSubject)
        {
            Status = RequestStatus.InReview;
            WaitingReason = null;
        }
        Record(now, actor, "identity.verified", $"Identity checked on {today:yyyy-MM-dd}, method {method}.");
        DeleteIdentityProofs(now, actor, "identity established");
    }

    /// <summary>The DPO found no candidate data for this verified person (EDPB-ACC Ex. 38).</summary>
    public void MarkNoDataHeld(DateTimeOffset now, string actor)
    {
        EnsureOpen();
        IdentityStatus = IdentityStatus.NoDataHeld;
        CandidateId = null;
        if (Status is RequestStatus.Received or RequestStatus.AwaitingDataSubject)
            Status = RequestStatus.InReview;
        Record(now, actor, "identity.no-data", "No data held about the requester.");
        DeleteIdentityProofs(now, actor, "identity settled, no data held");
    }

    /// <summary>
    /// Ask the person for identity information, clarification or a fee (CLK-2): the reason and whether the
    /// question was necessary (CLK-2(1)) are recorded and a waiting interval opens; the clock effect follows the
    /// configured mode. A follow-up sent within the CLK-2(2) limit after an insufficient reply continues the
    /// earlier interval, so the days between the reply and the new question stay counted (CLK-3).
    /// </summary>
    public void AskDataSubject(WaitingReason reason, string why, bool necessary, DateOnly today, DateTimeOffset now, string actor,
        bool followUpWithinLimit = false)
    {
        if (Status is not (RequestStatus.Received or RequestStatus.InReview or RequestStatus.AwaitingDataSubject))
            throw new DomainException("request.cannot-wait", $"A request that is {Status} cannot wait for the data subject.", "CLK-5");
        if (string.IsNullOrWhiteSpace(why))
            throw new DomainException("request.wait-reason", "Record why the information is needed.", "ID-1");
        var open = WaitingPeriods.FirstOrDefault(w => w.Reason == reason && w.ReceivedOn is null);
        var previous = WaitingPeriods.Where(w => w.Reason == reason && w.ReceivedOn is not null).MaxBy(w => w.ReceivedOn);
        var continued = "";
        if (open is not null)
        {
            open.LastAskedOn = today;
            open.RemindedOn = null;
        }
        else if (followUpWithinLimit && previous is not null && previous.Necessary == necessary)
        {
            continued = $" The reply of {previous.ReceivedOn:yyyy-MM-dd} was insufficient: the wait of {previous.RequestedOn:yyyy-MM-dd} continues (CLK-3).";
            previous.ReceivedOn = null;
            previous.LastAskedOn = today;
            previous.RemindedOn = null;
        }
        else
        {
            WaitingPeriods.Add(new WaitingPeriod(Id, reason, today, why.Trim(), necessary));
        }
        Status = RequestStatus.AwaitingDataSubject;
        WaitingReason = reason;
        if (reason == Requests.WaitingReason.Identity)
            IdentityStatus = IdentityStatus.MoreProofRequested;
        Record(now, actor, "request.waiting",
            $"Waiting for the data subject ({reason}); question necessary: {(necessary ? "yes" : "no, the clock keeps running")} (CLK-2(1)).{continued}");
    }

    /// <summary>
    /// CLK-4: one reminder per question, <paramref name="reminderDays"/> after it was sent, while nothing came in.
    /// Returns whether a reminder is due now (the caller sends it in the same transaction).
    /// </summary>
    public bool RemindDataSubject(DateOnly today, int reminderDays, DateTimeOffset now, string actor)
    {
        if (Status != RequestStatus.AwaitingDataSubject || WaitingReason is not { } reason)
            return false;
        var open = WaitingPeriods.Where(w => w.ReceivedOn is null && w.Reason == reason).MaxBy(w => w.AskedOn);
        if (open is null || open.RemindedOn is not null || today < open.AskedOn.AddDays(reminderDays))
            return false;
        open.RemindedOn = today;
        Record(now, actor, "request.reminder-sent", $"Reminder sent: waiting for the data subject ({reason}) since {open.AskedOn:yyyy-MM-dd} (CLK-4).");
        return true;
    }

    /// <summary>CLK-4: the day the request may be closed as abandoned, or null when it is not waiting.</summary>
    public DateOnly? AbandonableOn(int abandonAfterDays) =>
        Status == RequestStatus.AwaitingDataSubject && WaitingPeriods.Any(w => w.ReceivedOn is null)
            ? WaitingPeriods.Where(w => w.ReceivedOn is null).Max(w => w.AskedOn).AddDays(abandonAfterDays)
            : null;

    /// <summary>The person answered (proof, clarification or payment); the interval ends today.</summary>
    public void ReceiveFromDataSubject(DateOnly today, DateTimeOffset now, string actor)
    {
        if (Status != RequestStatus.AwaitingDataSubject || WaitingReason is not { } reason)
            throw new DomainException("request.not-waiting", "This request is not waiting for an answer.");
        CloseWaiting(reason, today);
        Status = reason == Requests.WaitingReason.Identity && IdentityStatus != IdentityStatus.Verified
            ? RequestStatus.Received
            : RequestStatus.InReview;
        WaitingReason = null;
        Record(now, actor, "request.answer-received", $"Answer received from the data subject ({reason}).");
    }

    /// <summary>CLK-2(2): the DPO counts a request for information sent after the delay limit, with reasons (audited).</summary>
    public void OverrideLateInformationRequest(Guid waitingPeriodId, string reason, DateTimeOffset now, string actor)
    {
        EnsureOpen();
        var period = WaitingPeriods.FirstOrDefault(w => w.Id == waitingPeriodId)
            ?? throw new DomainException("request.wait-unknown", "Unknown waiting period.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("request.override-reason", "An override needs a reason.", "CLK-2");
        if (period.LateRequestOverridden)
            throw new DomainException("request.override-twice", "This waiting period is already counted by an override.", "CLK-2");
        period.LateRequestOverridden = true;
        Record(now, actor, "clock.override",
            $"Late information request of {period.RequestedOn:yyyy-MM-dd} ({period.Reason}) counted by DPO override: {reason.Trim()}");
    }

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

    /// <summary>EXT-1..EXT-5: one extension, recorded no later than the un-extended due date, with reasons.</summary>
    public void Extend(string reasonCode, string reason, DateOnly newDueOn, DateOnly today, DateTimeOffset now, string actor)
    {
        EnsureOpen();
        if (Status is RequestStatus.Completed or RequestStatus.Refused)
            throw new DomainException("extension.answered", "The request has already been answered.", "EXT-5");
        if (ExtendedDueOn is not null)
            throw new DomainException("extension.twice", "This request has already been extended once.", "EXT-5");
        if (today > DueOn)
            throw new DomainException("extension.too-late", $"An extension must be notified by {DueOn:yyyy-MM-dd}; that date has passed.", "EXT-2");
        if (string.IsNullOrWhiteSpace(reasonCode) || string.IsNullOrWhiteSpace(reason))
            throw new DomainException("extension.reason", "An extension needs its reasons.", "EXT-2");
        if (newDueOn <= DueOn || newDueOn > MaxExtendedDueOn)
            throw new DomainException("extension.date", $"The extended due date must fall after {DueOn:yyyy-MM-dd} and no later than {MaxExtendedDueOn:yyyy-MM-dd}.", "EXT-3");
        ExtendedDueOn = newDueOn;
        ExtensionReasonCode = reasonCode;
        ExtensionReason = reason.Trim();
        ExtensionNotifiedOn = today;
        Record(now, actor, "request.extended", $"Extended to {newDueOn:yyyy-MM-dd} ({reasonCode}).");
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

    /// <summary>CLK-4: no answer within ABANDON_AFTER_DAYS of the last request for information.</summary>
    public void Abandon(DateOnly today, int abandonAfterDays, DateTimeOffset now, string actor)
    {
        if (Status != RequestStatus.AwaitingDataSubject)
            throw new DomainException("abandon.state", "Only a request waiting for the data subject can be abandoned.", "CLK-4");
        var last = WaitingPeriods.Where(w => w.ReceivedOn is null).Select(w => w.AskedOn).DefaultIfEmpty(today).Max();
        if (today < last.AddDays(abandonAfterDays))
            throw new DomainException("abandon.too-early", $"The data subject has until {last.AddDays(abandonAfterDays):yyyy-MM-dd} to answer.", "CLK-4");
        Status = RequestStatus.Abandoned;
        ClosedAt = now;
        ClosedBy = actor;
        Record(now, actor, "request.abandoned", "No answer from the data subject within the configured time.");
        DeleteIdentityProofs(now, actor, "request abandoned");
    }

    public void AddMessage(bool fromDataSubject, bool internalNote, string author, string body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(body))
            throw new DomainException("message.empty", "A message cannot be empty.");
        Messages.Add(new RequestMessage(Id, now, fromDataSubject, internalNote, author, body.Trim()));
        Record(now, fromDataSubject ? "candidate" : author, internalNote ? "request.note" : "request.message",
            fromDataSubject ? "Message from the data subject." : internalNote ? "Internal note added." : "Message sent to the data subject.");
    }

    /// <summary>RET-12: redact the requester's personal data from a closed case file after its retention.</summary>
    public void Minimise(DateTimeOffset now)
    {
        if (IsOpen)
            throw new DomainException("minimise.open", "Open requests are never minimised.", "RET-12");
        RequesterFirstName = "(redacted)";
        RequesterLastName = "";
        RequesterEmail = "";
        RequesterPhone = null;
        RequesterDateOfBirth = null;
        Description = null;
        foreach (var m in Messages)
            m.Redact();
        foreach (var s in SubRequests)
            s.RedactDetails();
        MinimisedAt = now;
        Record(now, "system", "request.minimised", "Case file minimised after its retention period (RET-12).");
        DeleteIdentityProofs(now, "system", "case file minimised");
    }

    public void Record(DateTimeOffset now, string actor, string type, string summary, Guid? candidateId = null, string? data = null) =>
        Events.Add(new AuditEvent(now, actor, type, summary, Id, candidateId ?? CandidateId, data: data));

    /// <summary>
    /// ID-6, RET-12: a copy of an identity document lives only while identity is being checked. Inside every
    /// transition that settles identity or ends the case, so no path can forget it; only the ID-4(4) note stays.
    /// </summary>
    private void DeleteIdentityProofs(DateTimeOffset now, string actor, string why)
    {
        var live = Attachments.Where(a => a.DeletedAt is null).ToList();
        foreach (var proof in live)
        {
            proof.EncryptedContent = [];
            proof.DeletedAt = now;
        }
        if (live.Count > 0)
            Record(now, actor, "identity.proofs-deleted", $"{live.Count} identity proof(s) deleted: {why} (ID-6).");
    }

    private void CloseWaiting(WaitingReason reason, DateOnly today)
    {
        foreach (var w in WaitingPeriods.Where(w => w.Reason == reason && w.ReceivedOn is null))
            w.ReceivedOn = today;
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
            throw new DomainException("request.closed", $"This request is {Status}.");
    }
}
