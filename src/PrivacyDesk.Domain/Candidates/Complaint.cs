namespace PrivacyDesk.Domain.Candidates;

public sealed class Complaint : CandidateRecord
{
    public DateOnly ReceivedOn { get; set; }
    public string Subject { get; set; } = "";
    public string Description { get; set; } = "";
    public DateOnly? ClosedOn { get; set; }
}
