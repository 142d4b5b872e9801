namespace PrivacyDesk.Domain.Candidates;

public sealed class ContactMessage : CandidateRecord
{
    public DateTimeOffset ReceivedAt { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateOnly? ClosedOn { get; set; }
}
