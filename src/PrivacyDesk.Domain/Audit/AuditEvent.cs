namespace PrivacyDesk.Domain.Audit;

/// <summary>
/// One append-only entry of the audit trail. Summaries carry ids, types and outcomes, never a data
/// subject's readable personal data, so the trail can outlive case-file minimisation (RET-12).
/// The hash chain (Sequence, PreviousHash, Hash) is sealed by the audit sealer, in sequence order.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent() { }

    public AuditEvent(DateTimeOffset occurredAt, string actor, string type, string summary, Guid? requestId = null,
        Guid? candidateId = null, Guid? legalHoldId = null, string? data = null)
    {
        OccurredAt = occurredAt;
        Actor = actor;
        Type = type;
        Summary = summary;
        RequestId = requestId;
        CandidateId = candidateId;
        LegalHoldId = legalHoldId;
        Data = data;
    }

    public long Sequence { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string Actor { get; private set; } = "";
    public string Type { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public Guid? RequestId { get; private set; }
    public Guid? CandidateId { get; private set; }
    public Guid? LegalHoldId { get; private set; }

    /// <summary>Structured detail as JSON (e.g. before/after of a rectification); redacted on minimisation.</summary>
    public string? Data { get; private set; }

    public string? PreviousHash { get; private set; }
    public string? Hash { get; private set; }
}
