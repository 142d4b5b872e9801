namespace PrivacyDesk.Domain.Candidates;

public sealed class Evaluation : CandidateRecord
{
    public DateOnly EvaluatedOn { get; set; }
    public string Evaluator { get; set; } = "";
    public string? ClientCompany { get; set; }
    public int? Score { get; set; }
    public string Comment { get; set; } = "";
    public string? CandidateStatement { get; set; }
}
