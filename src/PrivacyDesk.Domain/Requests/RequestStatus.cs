namespace PrivacyDesk.Domain.Requests;

public enum RequestStatus
{
    Received,
    AwaitingDataSubject,
    InReview,
    Approved,
    PartiallyApproved,
    Refused,
    InExecution,
    Completed,
    Closed,
    Withdrawn,
    Abandoned,
}
