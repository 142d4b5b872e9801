namespace PrivacyDesk.Domain.Candidates;

public enum DocumentKind
{
    Cv,
    MotivationLetter,
    Certificate,
    DrivingLicence,
    Other,
}
