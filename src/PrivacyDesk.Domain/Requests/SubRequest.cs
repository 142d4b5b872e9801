using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Requests;

public sealed class SubRequest
{
    private SubRequest() { }

    public SubRequest(Guid requestId, RequestType type, string? detailsJson)
    {
        RequestId = requestId;
        Type = type;
        DetailsJson = detailsJson;
    }

    public Guid Id { get; private set; } = Ids.New();
    public Guid RequestId { get; private set; }
    public RequestType Type { get; private set; }

    /// <summary>The type-specific answers of the form (what is wrong, restriction ground, format…).</summary>
    public string? DetailsJson { get; private set; }

    public DecisionOutcome? Outcome { get; private set; }
    public string? OutcomeReason { get; private set; }

    /// <summary>The plan computed by the rules engine, stored as JSON when the DPO reviews it.</summary>
    public string? PlanJson { get; private set; }

    public DateTimeOffset? PlanComputedAt { get; private set; }
    public DateTimeOffset? ExecutedAt { get; private set; }

    internal void Decide(DecisionOutcome outcome, string? reason)
    {
        Outcome = outcome;
        OutcomeReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    public void StorePlan(string planJson, DateTimeOffset now)
    {
        PlanJson = planJson;
        PlanComputedAt = now;
    }

    public void MarkExecuted(DateTimeOffset now) => ExecutedAt ??= now;

    internal void RedactDetails() => DetailsJson = null;
}
