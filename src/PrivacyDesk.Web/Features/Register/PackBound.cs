namespace PrivacyDesk.Web.Features.Register;

/// <summary>A cap (expiry at most) or floor (expiry not before) of a retention rule: a period from its own anchor.</summary>
public sealed class PackBound
{
    public string Anchor { get; set; } = "";
    public string AnchorAdjust { get; set; } = "None";
    public string Period { get; set; } = "";
}
