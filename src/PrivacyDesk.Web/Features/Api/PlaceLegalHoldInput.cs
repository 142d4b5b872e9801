using PrivacyDesk.Domain.LegalHolds;

namespace PrivacyDesk.Web.Features.Api;

public sealed record PlaceLegalHoldInput
{
    public Guid CandidateId { get; init; }
    public bool AllPurposes { get; init; }
    public List<string> PurposeCodes { get; init; } = [];
    public LegalHoldReason? Reason { get; init; }
    public string ExternalReference { get; init; } = "";
    public string Description { get; init; } = "";
    public string? Justification { get; init; }
    public string EndCondition { get; init; } = "";
    public DateOnly? ReviewOn { get; init; }
}
