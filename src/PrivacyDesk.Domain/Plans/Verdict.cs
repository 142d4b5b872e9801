namespace PrivacyDesk.Domain.Plans;

/// <summary>The part of a decision that is the same for many records: records with equal verdicts share one line.</summary>
internal sealed record Verdict(
    PlanOutcome Outcome,
    DateOnly? KeepUntil,
    string Article,
    string RuleId,
    LocalizedText Reason,
    string? LegalHoldReference = null,
    string? RetentionRuleCode = null);
