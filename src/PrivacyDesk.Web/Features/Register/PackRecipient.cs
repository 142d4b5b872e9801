namespace PrivacyDesk.Web.Features.Register;

/// <summary>A recipient or category of recipients (Art. 30(1)(d)), with its transfer safeguard outside the EEA.</summary>
public sealed class PackRecipient
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Country { get; set; } = "BE";
    public string? TransferSafeguard { get; set; }
    public string? Description { get; set; }
    public string? ContactEmail { get; set; }
}
