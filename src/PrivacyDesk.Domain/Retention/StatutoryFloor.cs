using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Retention;

/// <summary>A Belgian statutory minimum retention period for a data category (gdpr-rules.md §4.5).</summary>
public sealed record StatutoryFloor(DataCategory Category, IsoPeriod Minimum, string Statute);
