using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Processing;

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
