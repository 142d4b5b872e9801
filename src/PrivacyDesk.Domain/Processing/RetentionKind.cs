namespace PrivacyDesk.Domain.Processing;

/// <summary>gdpr-rules.md RET-2.</summary>
public enum RetentionKind
{
    StatutoryMinimum,
    PolicyMaximum,
    LegalClaimsPeriod,
}
