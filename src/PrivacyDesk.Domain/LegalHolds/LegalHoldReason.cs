namespace PrivacyDesk.Domain.LegalHolds;

/// <summary>gdpr-rules.md LH-5.</summary>
public enum LegalHoldReason
{
    Litigation,
    Dispute,
    AuthorityInquiry,
    InsuranceClaim,
    DpaComplaint,
    Other,
}
