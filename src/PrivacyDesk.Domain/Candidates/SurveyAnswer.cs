namespace PrivacyDesk.Domain.Candidates;

public sealed class SurveyAnswer : CandidateRecord
{
    public string SurveyName { get; set; } = "";
    public DateOnly AnsweredOn { get; set; }
    public int? Score { get; set; }
    public string? Comment { get; set; }
}
