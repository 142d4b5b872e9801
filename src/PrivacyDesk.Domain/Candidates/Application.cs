namespace PrivacyDesk.Domain.Candidates;

public sealed class Application : CandidateRecord
{
    public string VacancyTitle { get; set; } = "";
    public string? VacancyReference { get; set; }
    public DateOnly AppliedOn { get; set; }
    public string Status { get; set; } = "Open";
    public string? Source { get; set; }
    public string? Motivation { get; set; }
    public DateOnly? ClosedOn { get; set; }
}
