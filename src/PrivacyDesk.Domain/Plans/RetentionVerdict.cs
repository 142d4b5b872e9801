using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Plans;

/// <summary>Result of the retention rules of one purpose for one record (RET-5, RET-7).</summary>
internal readonly record struct RetentionVerdict(DateOnly? KeepUntil, bool Expired, RetentionRule Rule)
{
    public bool Known => KeepUntil is not null;
}
