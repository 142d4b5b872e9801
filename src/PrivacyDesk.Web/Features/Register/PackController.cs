namespace PrivacyDesk.Web.Features.Register;

/// <summary>The controller as the pack names it (Art. 13(1)(a)), with its DPO.</summary>
public sealed class PackController
{
    public string Name { get; set; } = "";
    public string? LegalName { get; set; }
    public string? EnterpriseNumber { get; set; }
    public string Address { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Phone { get; set; }
    public string? Website { get; set; }
    public PackDpo Dpo { get; set; } = new();
}
