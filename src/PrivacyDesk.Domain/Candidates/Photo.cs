namespace PrivacyDesk.Domain.Candidates;

public sealed class Photo : CandidateRecord
{
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "image/jpeg";
    public byte[] Content { get; set; } = [];
}
