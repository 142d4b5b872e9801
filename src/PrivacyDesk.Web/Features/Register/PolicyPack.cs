using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivacyDesk.Web.Features.Register;

/// <summary>The JSON policy pack format (docs/policy-packs.md). Enums are spelled as in the domain.</summary>
public sealed class PolicyPack
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Version { get; set; } = "";
    public string? SourcePolicy { get; set; }
    public PackController Controller { get; set; } = new();
    public PackSettings Settings { get; set; } = new();
    public List<PackNote> Notes { get; set; } = [];
    public List<PackRecipient> Recipients { get; set; } = [];
    public List<PackPurpose> Purposes { get; set; } = [];

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        Converters = { new Infrastructure.Web.NulRefusingStringConverter() },
    };

    public static PolicyPack Parse(string json) =>
        JsonSerializer.Deserialize<PolicyPack>(json, JsonOptions) ?? throw new JsonException("The pack is empty.");
}

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

public sealed class PackDpo
{
    public string? Name { get; set; }
    public string Email { get; set; } = "";
    public string? Address { get; set; }
}

public sealed class PackSettings
{
    public string CareerInactivityPeriod { get; set; } = "P2Y";
    public string CaseFileRetention { get; set; } = "P5Y";
}

public sealed class PackNote
{
    public string Topic { get; set; } = "";
    public string Text { get; set; } = "";
}

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

public sealed class PackBound
{
    public string Anchor { get; set; } = "";
    public string AnchorAdjust { get; set; } = "None";
    public string Period { get; set; } = "";
}
