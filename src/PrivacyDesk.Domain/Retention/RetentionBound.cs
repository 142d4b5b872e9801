using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Retention;

/// <summary>A cap or floor of a retention rule (§4.2): its own anchor, adjustment and period.</summary>
public sealed record RetentionBound(RetentionAnchor Anchor, AnchorAdjust Adjust, IsoPeriod Period);
