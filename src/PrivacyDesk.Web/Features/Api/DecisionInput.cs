namespace PrivacyDesk.Web.Features.Api;

public sealed record DecisionInput
{
    public DecisionOutcome? Outcome { get; init; }

    /// <summary>Required unless approved (N1); one of the reason codes of the staff decision form.</summary>
    public string? ReasonCode { get; init; }

    public string? ReasonDetails { get; init; }

    /// <summary>PartiallyApproved: the sub-requests refused; the others are approved.</summary>
    public List<Guid> RefusedSubRequests { get; init; } = [];

    /// <summary>The request's version from GET /api/v1/requests/{id}; or send it as If-Match. Required.</summary>
    public uint? Version { get; init; }
}
