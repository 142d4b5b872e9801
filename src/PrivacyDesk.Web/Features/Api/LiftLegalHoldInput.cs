namespace PrivacyDesk.Web.Features.Api;

public sealed record LiftLegalHoldInput
{
    /// <summary>Required when the hold was placed by someone else (LH-4).</summary>
    public string? Reason { get; init; }
}
