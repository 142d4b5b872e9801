namespace PrivacyDesk.Web.Features.Register;

/// <summary>A processing purpose of the register, with its legal basis, record sets, recipients and retention rules.</summary>
public sealed class PackPurpose
{
    public string Code { get; set; } = "";
    public Dictionary<string, string> Names { get; set; } = [];
    public Dictionary<string, string> Descriptions { get; set; } = [];
    public string LegalBasis { get; set; } = "";
    public string? Article9Condition { get; set; }
    public List<string> DataCategories { get; set; } = [];
    public List<string> RecordSets { get; set; } = [];

    /// <summary>Optional (Art. 30(1)(c)); without it the categories are derived from the record sets.</summary>
    public List<string>? DataSubjects { get; set; }

    /// <summary>Optional (Art. 30(1)(g)); without it the export gives the standard description.</summary>
    public string? SecurityMeasures { get; set; }

    public List<string> Recipients { get; set; } = [];
    public string Source { get; set; } = "";
    public bool Portable { get; set; }
    public bool AutomatedDecisionMaking { get; set; }
    public bool IsMarketing { get; set; }
    public List<PackRetentionRule> RetentionRules { get; set; } = [];
}
