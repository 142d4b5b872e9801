namespace PrivacyDesk.Domain.Candidates;

/// <summary>Withholding-tax data and forms 281.10: 10 years (Income Tax Code art. 315).</summary>
public sealed class TaxRecord : CandidateRecord
{
    public int TaxYear { get; set; }
    public string Form { get; set; } = "281.10";
    public decimal TaxableAmount { get; set; }
    public decimal WithholdingTax { get; set; }
}
