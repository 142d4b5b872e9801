using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Retention;

/// <summary>The computable part of a RetentionRule (§4.2).</summary>
public sealed record RetentionTerms(
    RetentionKind Kind,
    RetentionAnchor Anchor,
    AnchorAdjust Adjust,
    IsoPeriod Period,
    RetentionBound? Cap,
    RetentionBound? Floor,
    ExpiryAction OnExpiry,
    RuleAppliesTo AppliesTo = RuleAppliesTo.All);
