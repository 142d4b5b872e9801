using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Retention;

/// <summary>Turns a stored rule (§4.2, ISO strings) into the terms the calculator evaluates.</summary>
public static class RetentionRuleExtensions
{
    public static RetentionTerms ToTerms(this RetentionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new RetentionTerms(
            rule.Kind,
            rule.Anchor,
            rule.AnchorAdjust,
            IsoPeriod.Parse(rule.Period),
            Bound(rule.CapAnchor, rule.CapAnchorAdjust, rule.CapPeriod),
            Bound(rule.FloorAnchor, rule.FloorAnchorAdjust, rule.FloorPeriod),
            rule.OnExpiry,
            rule.AppliesTo);
    }

    // A cap or floor exists only when both its anchor and its period are stored; the adjustment defaults to None.
    private static RetentionBound? Bound(RetentionAnchor? anchor, AnchorAdjust? adjust, string? period) =>
        anchor is { } a && !string.IsNullOrWhiteSpace(period)
            ? new RetentionBound(a, adjust ?? AnchorAdjust.None, IsoPeriod.Parse(period))
            : null;
}
