namespace PrivacyDesk.Web.Features.Register;

/// <summary>How long one data category of a purpose is kept, from which anchor, and what happens at expiry.</summary>
public sealed class PackRetentionRule
{
    public string Code { get; set; } = "";
    public string DataCategory { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Anchor { get; set; } = "";
    public string AnchorAdjust { get; set; } = "None";
    public string Period { get; set; } = "";
    public PackBound? Cap { get; set; }
    public PackBound? Floor { get; set; }
    public string AppliesTo { get; set; } = "All";
    public string OnExpiry { get; set; } = "Erase";
    public List<string> AnonymiseFields { get; set; } = [];
    public string Citation { get; set; } = "";
    public string? Note { get; set; }
}
