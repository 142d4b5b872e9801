namespace PrivacyDesk.Domain.Processing;

/// <summary>The controller this installation serves, loaded from its policy pack (product.md §5).</summary>
public sealed class ControllerProfile
{
    public int Id { get; set; } = 1;
    public string PackCode { get; set; } = "";
    public string PackVersion { get; set; } = "";
    public string Name { get; set; } = "";
    public string? LegalName { get; set; }
    public string? EnterpriseNumber { get; set; }
    public string Address { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Phone { get; set; }
    public string? Website { get; set; }
    public string? DpoName { get; set; }
    public string DpoEmail { get; set; } = "";
    public string? DpoAddress { get; set; }

    /// <summary>CAREER_INACTIVITY_PERIOD (RET-9).</summary>
    public string CareerInactivityPeriod { get; set; } = "P2Y";

    /// <summary>CASE_FILE_RETENTION (RET-12).</summary>
    public string CaseFileRetention { get; set; } = "P5Y";

    /// <summary>The pack's notes on vague policy text, as JSON.</summary>
    public string NotesJson { get; set; } = "[]";

    public DateTimeOffset ImportedAt { get; set; }
}
