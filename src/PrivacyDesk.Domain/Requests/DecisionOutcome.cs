namespace PrivacyDesk.Domain.Requests;

public enum DecisionOutcome
{
    Approved,
    PartiallyApproved,
    Refused,
}
