namespace PrivacyDesk.Domain.Processing;

/// <summary>gdpr-rules.md §4.2.</summary>
public enum RetentionAnchor
{
    Collected,
    ConsentGiven,
    ConsentWithdrawn,
    LastActivity,
    EndOfCareer,
    LastWorkingDay,
    ContractEnd,
    CaseClosed,
    TaxablePeriodEnd,
    FinancialYearClosed,
}
