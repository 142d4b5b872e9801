namespace PrivacyDesk.Web.Features.Register;

/// <summary>The pack-wide periods: career inactivity (RET-9) and how long a closed case file stays readable (RET-12).</summary>
public sealed class PackSettings
{
    public string CareerInactivityPeriod { get; set; } = "P2Y";
    public string CaseFileRetention { get; set; } = "P5Y";
}
