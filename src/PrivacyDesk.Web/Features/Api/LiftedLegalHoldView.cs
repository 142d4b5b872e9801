namespace PrivacyDesk.Web.Features.Api;

/// <summary>The lifted hold and the retention sweep that ran for its candidate right after (LH-7); sweep is null if it must wait for the next scheduled run.</summary>
public sealed record LiftedLegalHoldView(LegalHoldView Hold, SweepView? Sweep);
