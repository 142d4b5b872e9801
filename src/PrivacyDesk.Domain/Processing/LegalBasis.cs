namespace PrivacyDesk.Domain.Processing;

/// <summary>Art. 6(1) legal bases (gdpr-rules.md 2.0.2).</summary>
public enum LegalBasis
{
    Consent,
    Contract,
    LegalObligation,
    VitalInterests,
    PublicTask,
    LegitimateInterests,
}
