namespace PrivacyDesk.Domain.Candidates;

public sealed class WorkExperience : CandidateRecord
{
    public string Employer { get; set; } = "";
    public string JobTitle { get; set; } = "";
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? Description { get; set; }
}
