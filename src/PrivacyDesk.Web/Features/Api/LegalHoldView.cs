using PrivacyDesk.Domain.LegalHolds;

namespace PrivacyDesk.Web.Features.Api;

public sealed record LegalHoldView(Guid Id, string Reference, Guid CandidateId, bool Active, bool AllPurposes, IReadOnlyList<string> PurposeCodes,
    LegalHoldReason Reason, string ExternalReference, string Description, string? Justification, string EndCondition, DateOnly ReviewOn,
    string PlacedBy, DateTimeOffset PlacedAt, string? LiftedBy, DateTimeOffset? LiftedAt, string? LiftReason)
{
    public static LegalHoldView From(LegalHold h) => new(h.Id, h.Reference, h.CandidateId, h.IsActive, h.AllPurposes, h.PurposeCodes, h.Reason,
        h.ExternalReference, h.Description, h.Justification, h.EndCondition, h.ReviewOn, h.PlacedBy, h.PlacedAt, h.LiftedBy, h.LiftedAt, h.LiftReason);
}
