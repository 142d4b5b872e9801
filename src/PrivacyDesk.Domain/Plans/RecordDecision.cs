using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Plans;

/// <summary>The final verdict for one record after combining all its purposes (2.0.1).</summary>
public sealed record RecordDecision(RecordSet RecordSet, Guid RecordId, PlanOutcome Outcome, DateOnly? KeepUntil);
