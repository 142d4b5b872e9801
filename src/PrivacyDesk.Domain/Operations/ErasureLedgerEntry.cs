using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Operations;

/// <summary>What was erased, when and why, as counts and record types only (product.md §4).</summary>
public sealed class ErasureLedgerEntry
{
    public Guid Id { get; set; } = Ids.New();
    public DateTimeOffset ExecutedAt { get; set; }
    public Guid CandidateId { get; set; }
    public Guid? RequestId { get; set; }
    public string? RuleCode { get; set; }
    public string RecordSet { get; set; } = "";
    public LedgerAction Action { get; set; }
    public int Count { get; set; }
    public DateOnly? DueOn { get; set; }
    public Guid? LegalHoldId { get; set; }
    public DateTimeOffset? ReappliedAt { get; set; }
}
