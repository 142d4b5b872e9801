using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Plans;

/// <summary>One field the person wants corrected (RECT-1).</summary>
public sealed record RectificationItem(RecordSet RecordSet, string Field, string? CurrentValue, string NewValue);
