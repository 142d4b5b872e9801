namespace PrivacyDesk.Domain.Retention;

/// <summary>
/// KeepUntil is the last day kept (RET-6), null = kept for now (anchor unknown, no cap). Expired = today &gt; KeepUntil.
/// </summary>
public sealed record RetentionOutcome(DateOnly? KeepUntil, bool Expired, bool Applies, string Explanation);
