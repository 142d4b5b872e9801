namespace PrivacyDesk.Web.Features.Register;

/// <summary>How a vague or unlawful sentence of the privacy policy was read (docs/policy-packs.md); shown to the DPO in the register.</summary>
public sealed class PackNote
{
    public string Topic { get; set; } = "";
    public string Text { get; set; } = "";
}
