using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Operations;

/// <summary>ER-8: keyed hashes only, no readable data, so an erased person is not silently re-imported.</summary>
public sealed class SuppressionEntry
{
    public Guid Id { get; set; } = Ids.New();
    public string? EmailHash { get; set; }
    public string? PhoneHash { get; set; }
    public string? NationalNumberHash { get; set; }
    public SuppressionReason Reason { get; set; }
    public string RequestReference { get; set; } = "";
    public DateOnly CreatedOn { get; set; }
}
