namespace PrivacyDesk.Domain.Candidates;

/// <summary>
/// A professional e-mail between the agency and a client that mentions the candidate. In the access
/// scope after redaction review (ACC-6), never excluded wholesale.
/// </summary>
public sealed class ProfessionalEmail : CandidateRecord
{
    public DateTimeOffset SentAt { get; set; }
    public string FromAddress { get; set; } = "";
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public string? ClientCompany { get; set; }

    /// <summary>Redacted extract approved by staff for the access copy; null until reviewed.</summary>
    public string? RedactedExtract { get; set; }
}
