namespace PrivacyDesk.Domain.Candidates;

/// <summary>Social documents (RD 8 August 1980): statutory retention, gdpr-rules.md §4.5.</summary>
public sealed class PayrollRecord : CandidateRecord
{
    public PayrollDocumentType DocumentType { get; set; }
    public int Year { get; set; }
    public int? Month { get; set; }
    public decimal GrossAmount { get; set; }
    public decimal NetAmount { get; set; }
    public string? BankAccount { get; set; }
}
