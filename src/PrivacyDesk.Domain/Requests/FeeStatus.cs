namespace PrivacyDesk.Domain.Requests;

public enum FeeStatus
{
    Requested,
    Paid,
    NotPaid,
}
