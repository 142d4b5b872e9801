using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Retention;

/// <summary>A cap or floor of a retention rule (§4.2): its own anchor, adjustment and period.</summary>
public sealed record RetentionBound(RetentionAnchor Anchor, AnchorAdjust Adjust, IsoPeriod Period);

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

/// <summary>What is known about the person; null = the anchor event has not happened (or is unknown).</summary>
public sealed record RetentionFacts
{
    public DateOnly? Collected { get; init; }
    public DateOnly? ConsentGiven { get; init; }
    public DateOnly? ConsentWithdrawn { get; init; }
    public DateOnly? LastActivity { get; init; }
    public DateOnly? EndOfCareerStated { get; init; }
    public DateOnly? LastWorkingDay { get; init; }
    public DateOnly? ContractEnd { get; init; }
    public DateOnly? CaseClosed { get; init; }
    public DateOnly? TaxablePeriodEnd { get; init; }
    public DateOnly? FinancialYearClosed { get; init; }

    /// <summary>CAREER_INACTIVITY_PERIOD of the pack (RET-9), e.g. P2Y.</summary>
    public IsoPeriod? CareerInactivityPeriod { get; init; }

    /// <summary>Ever worked through the agency; decides RuleAppliesTo.Workers/NonWorkers.</summary>
    public bool HasWorked { get; init; }

    public DateOnly? AnchorDate(RetentionAnchor anchor) => anchor switch
    {
        RetentionAnchor.Collected => Collected,
        RetentionAnchor.ConsentGiven => ConsentGiven,
        RetentionAnchor.ConsentWithdrawn => ConsentWithdrawn,
        RetentionAnchor.LastActivity => LastActivity,
        RetentionAnchor.EndOfCareer => EndOfCareer,
        RetentionAnchor.LastWorkingDay => LastWorkingDay,
        RetentionAnchor.ContractEnd => ContractEnd,
        RetentionAnchor.CaseClosed => CaseClosed,
        RetentionAnchor.TaxablePeriodEnd => TaxablePeriodEnd,
        RetentionAnchor.FinancialYearClosed => FinancialYearClosed,
        _ => throw new ArgumentOutOfRangeException(nameof(anchor), anchor, null),
    };

    /// <summary>RET-9: the person's own statement wins; otherwise LastActivity + inactivity period.</summary>
    private DateOnly? EndOfCareer =>
        EndOfCareerStated
        ?? (LastActivity is { } last && CareerInactivityPeriod is { } inactivity
            ? CalendarMath.AddPeriod(last, inactivity)
            : null);
}

/// <summary>
/// KeepUntil is the last day kept (RET-6), null = kept for now (anchor unknown, no cap). Expired = today &gt; KeepUntil.
/// </summary>
public sealed record RetentionOutcome(DateOnly? KeepUntil, bool Expired, bool Applies, string Explanation);
