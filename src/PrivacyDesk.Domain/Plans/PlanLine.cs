using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Plans;

/// <summary>
/// What happens to one record set for one purpose, and why. KeepUntil is the last day kept (RET-6);
/// null with a keeping outcome means "until an event that has not happened yet" (a hold lifted, a contract ended).
/// </summary>
public sealed record PlanLine(
    string PurposeCode,
    string PurposeName,
    RecordSet RecordSet,
    PlanOutcome Outcome,
    int RecordCount,
    IReadOnlyList<Guid> RecordIds,
    DateOnly? KeepUntil,
    string Article,
    string RuleId,
    LocalizedText Reason,
    string? LegalHoldReference = null,
    string? RetentionRuleCode = null);
