namespace PrivacyDesk.Domain.Requests;

/// <summary>The rights a data subject can exercise (product.md §2).</summary>
public enum RequestType
{
    Access,             // Art. 15
    Rectification,      // Art. 16
    Erasure,            // Art. 17
    Restriction,        // Art. 18
    Portability,        // Art. 20
    Objection,          // Art. 21
    ConsentWithdrawal,  // Art. 7(3)
}

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

/// <summary>Why the request waits for the data subject (gdpr-rules.md CLK-5).</summary>
public enum WaitingReason
{
    Identity,
    Clarification,
    Fee,
}

public enum Channel
{
    Web,
    Email,
    Post,
    Phone,
    InPerson,
    Api,
}

/// <summary>Art. 18(1) grounds (gdpr-rules.md RS-1).</summary>
public enum RestrictionGround
{
    AccuracyContested,      // 18(1)(a)
    UnlawfulProcessing,     // 18(1)(b)
    NeededForLegalClaims,   // 18(1)(c)
    ObjectionPending,       // 18(1)(d)
}

public enum DecisionOutcome
{
    Approved,
    PartiallyApproved,
    Refused,
}

public enum IdentityStatus
{
    NotChecked,
    EmailVerified,
    Verified,
    MoreProofRequested,
    Failed,
    NoDataHeld,
}
