namespace PrivacyDesk.Domain.Requests;

/// <summary>Art. 18(1) grounds (gdpr-rules.md RS-1).</summary>
public enum RestrictionGround
{
    AccuracyContested,      // 18(1)(a)
    UnlawfulProcessing,     // 18(1)(b)
    NeededForLegalClaims,   // 18(1)(c)
    ObjectionPending,       // 18(1)(d)
}
