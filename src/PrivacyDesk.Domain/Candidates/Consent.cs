namespace PrivacyDesk.Domain.Candidates;

/// <summary>A consent with its evidence (Art. 7(1)); withdrawal keeps the minimal proof (CW-3).</summary>
public sealed class Consent : CandidateRecord
{
    public string PurposeCode { get; set; } = "";
    public DateTimeOffset GivenAt { get; set; }
    public string Method { get; set; } = "";
    public string? Evidence { get; set; }
    public bool DoubleOptIn { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawalChannel { get; set; }

    public bool IsActive => WithdrawnAt is null;
}
