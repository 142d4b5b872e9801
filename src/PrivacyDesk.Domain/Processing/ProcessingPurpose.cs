using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Processing;

/// <summary>One entry of the Art. 30 register: a purpose with its legal basis, data and retention.</summary>
public sealed class ProcessingPurpose
{
    public Guid Id { get; set; } = Ids.New();
    public string Code { get; set; } = "";
    public string NameNl { get; set; } = "";
    public string NameFr { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string DescriptionNl { get; set; } = "";
    public string DescriptionFr { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    public LegalBasis LegalBasis { get; set; }

    /// <summary>Art. 9(2) condition when special-category data are processed.</summary>
    public string? Article9Condition { get; set; }

    public List<DataCategory> DataCategories { get; set; } = [];
    public List<RecordSet> RecordSets { get; set; } = [];

    /// <summary>Art. 30(1)(c): whose data this purpose processes.</summary>
    public List<DataSubjectCategory> DataSubjects { get; set; } = [];

    /// <summary>Art. 30(1)(g): a general description of the technical and organisational security measures; empty means the standard description.</summary>
    public string? SecurityMeasures { get; set; }

    public string Source { get; set; } = "";
    public bool Portable { get; set; }
    public bool AutomatedDecisionMaking { get; set; }
    public bool IsMarketing { get; set; }
    public int SortOrder { get; set; }

    public List<RetentionRule> RetentionRules { get; set; } = [];
    public List<Recipient> Recipients { get; set; } = [];

    public string Name(string language) => language switch
    {
        "fr" => NameFr,
        "en" => NameEn,
        _ => NameNl,
    };

    public string Description(string language) => language switch
    {
        "fr" => DescriptionFr,
        "en" => DescriptionEn,
        _ => DescriptionNl,
    };
}
