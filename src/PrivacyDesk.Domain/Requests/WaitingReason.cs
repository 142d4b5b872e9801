namespace PrivacyDesk.Domain.Requests;

/// <summary>Why the request waits for the data subject (gdpr-rules.md CLK-5).</summary>
public enum WaitingReason
{
    Identity,
    Clarification,
    Fee,
}
