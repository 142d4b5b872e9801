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
