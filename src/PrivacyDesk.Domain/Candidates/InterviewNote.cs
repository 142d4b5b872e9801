namespace PrivacyDesk.Domain.Candidates;

public sealed class InterviewNote : CandidateRecord
{
    public DateOnly InterviewedOn { get; set; }
    public string Interviewer { get; set; } = "";
    public string Note { get; set; } = "";

    /// <summary>The person's own statement next to an opinion they dispute (RECT-3).</summary>
    public string? CandidateStatement { get; set; }
}
