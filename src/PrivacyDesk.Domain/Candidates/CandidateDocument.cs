namespace PrivacyDesk.Domain.Candidates;

public sealed class CandidateDocument : CandidateRecord
{
    public DocumentKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public byte[] Content { get; set; } = [];
}
