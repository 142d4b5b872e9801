namespace PrivacyDesk.Domain.Requests;

/// <summary>FEE-2: the two grounds of Art. 12(5)(b) on which the controller may charge a fee or refuse.</summary>
public enum AbuseClassification
{
    ManifestlyUnfounded,
    Excessive,
}
