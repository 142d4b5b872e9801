using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Retention;

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
