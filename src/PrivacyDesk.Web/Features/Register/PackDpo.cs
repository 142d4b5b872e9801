namespace PrivacyDesk.Web.Features.Register;

/// <summary>The data protection officer's contact details (Art. 13(1)(b)).</summary>
public sealed class PackDpo
{
    public string? Name { get; set; }
    public string Email { get; set; } = "";
    public string? Address { get; set; }
}
