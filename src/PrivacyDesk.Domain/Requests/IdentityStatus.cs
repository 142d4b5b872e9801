namespace PrivacyDesk.Domain.Requests;

public enum IdentityStatus
{
    NotChecked,
    EmailVerified,
    Verified,
    MoreProofRequested,
    Failed,
    NoDataHeld,
}
