namespace PrivacyDesk.Domain.Candidates;

public sealed class LanguageSkill : CandidateRecord
{
    public string Language { get; set; } = "";
    public string Level { get; set; } = "";
}
