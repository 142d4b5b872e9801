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

/// <summary>gdpr-rules.md §4.2: a retention rule is data, evaluated by the retention calculator.</summary>
public sealed class RetentionRule
{
    public Guid Id { get; set; } = Ids.New();
    public Guid PurposeId { get; set; }
    public string Code { get; set; } = "";
    public DataCategory DataCategory { get; set; }
    public RetentionKind Kind { get; set; }
    public RetentionAnchor Anchor { get; set; }
    public AnchorAdjust AnchorAdjust { get; set; }

    /// <summary>ISO 8601 period with years, months and days only (RET-4).</summary>
    public string Period { get; set; } = "P0D";

    public RetentionAnchor? CapAnchor { get; set; }
    public AnchorAdjust? CapAnchorAdjust { get; set; }
    public string? CapPeriod { get; set; }
    public RetentionAnchor? FloorAnchor { get; set; }
    public AnchorAdjust? FloorAnchorAdjust { get; set; }
    public string? FloorPeriod { get; set; }
    public RuleAppliesTo AppliesTo { get; set; }
    public ExpiryAction OnExpiry { get; set; }
    public List<string> AnonymiseFields { get; set; } = [];
    public string Citation { get; set; } = "";
    public string? Note { get; set; }
}

/// <summary>A processor or other recipient (Art. 4(9)); needed for access answers and Art. 19 notices.</summary>
public sealed class Recipient
{
    public Guid Id { get; set; } = Ids.New();
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public RecipientKind Kind { get; set; }
    public string Country { get; set; } = "BE";
    public string? TransferSafeguard { get; set; }
    public string? Description { get; set; }
    public string? ContactEmail { get; set; }

    public List<ProcessingPurpose> Purposes { get; set; } = [];
}

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

/// <summary>DL-12: one-off changes to the legal holiday calendar made by Royal Decree.</summary>
public sealed class HolidayOverrideEntry
{
    public int Id { get; set; }
    public int Year { get; set; }
    public string Name { get; set; } = "";
    public DateOnly? MovedTo { get; set; }
}
