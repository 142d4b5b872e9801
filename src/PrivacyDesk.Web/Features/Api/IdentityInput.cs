namespace PrivacyDesk.Web.Features.Api;

public sealed record IdentityInput
{
    public IdentityAction? Action { get; init; }

    /// <summary>Verify: the candidate the request is about.</summary>
    public Guid CandidateId { get; init; }

    /// <summary>Verify: how the identity was established (e.g. "ID card checked at the counter").</summary>
    public string Method { get; init; } = "";

    /// <summary>Verify: why this candidate is the requester. AskForInformation: why the information is needed (ID-1), internal.</summary>
    public string Why { get; init; } = "";

    /// <summary>AskForInformation: Identity, Clarification or Fee.</summary>
    public WaitingReason Reason { get; init; } = WaitingReason.Identity;

    /// <summary>AskForInformation: what the requester reads in the e-mail.</summary>
    public string Message { get; init; } = "";

    /// <summary>AskForInformation: whether the question is necessary (CLK-2(1)); an unnecessary one does not stop the clock. Required.</summary>
    public bool? Necessary { get; init; }

    /// <summary>RecordAnswer: what came in and how.</summary>
    public string Summary { get; init; } = "";

    /// <summary>RecordAnswer: the day the answer arrived; today when omitted.</summary>
    public DateOnly? ReceivedOn { get; init; }

    /// <summary>The request's version (or send If-Match); checked when given.</summary>
    public uint? Version { get; init; }
}
