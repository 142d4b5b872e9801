namespace PrivacyDesk.Domain.Candidates;

/// <summary>The client ledger: each time a CV or profile went to a client (Art. 15(1)(c), Art. 19).</summary>
public sealed class ClientDisclosure : CandidateRecord
{
    public string ClientCompany { get; set; } = "";
    public string? ClientEmail { get; set; }
    public DateOnly DisclosedOn { get; set; }
    public string What { get; set; } = "CV";
    public string PurposeCode { get; set; } = "";
}
