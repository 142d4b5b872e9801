namespace PrivacyDesk.Domain.Candidates;

/// <summary>Work done through the agency at a client company (user undertaking).</summary>
public sealed class Assignment : CandidateRecord
{
    public string ClientCompany { get; set; } = "";
    public string JobTitle { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public decimal? HourlyWage { get; set; }
}
