namespace PrivacyDesk.Domain.Processing;

/// <summary>Which candidates a retention rule applies to (e.g. ASAP complaints: workers vs non-workers).</summary>
public enum RuleAppliesTo
{
    All,
    Workers,
    NonWorkers,
}
