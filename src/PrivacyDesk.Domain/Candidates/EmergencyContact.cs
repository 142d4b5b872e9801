namespace PrivacyDesk.Domain.Candidates;

public sealed class EmergencyContact : CandidateRecord
{
    public string Name { get; set; } = "";
    public string Relationship { get; set; } = "";
    public string Phone { get; set; } = "";
}
