using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Plans;

/// <summary>Everything the engine needs for one sub-request; the engine reads nothing else.</summary>
public sealed record PlanInput
{
    public required RequestType Type { get; init; }

    /// <summary>Null = no data held about the person (ACC-4 "confirmation: no").</summary>
    public Candidate? Candidate { get; init; }

    /// <summary>The register, with RetentionRules and Recipients loaded.</summary>
    public IReadOnlyList<ProcessingPurpose> Purposes { get; init; } = [];

    /// <summary>This candidate's legal holds; lifted ones are ignored.</summary>
    public IReadOnlyList<LegalHold> Holds { get; init; } = [];

    public IReadOnlyDictionary<RecordSet, RecordSetProfile> Profiles { get; init; } = new Dictionary<RecordSet, RecordSetProfile>();

    public required DateOnly Today { get; init; }

    public PlanSettings Settings { get; init; } = new();

    /// <summary>Consent withdrawal: which purposes' consents; null = all consents.</summary>
    public IReadOnlyList<string>? ConsentPurposeCodes { get; init; }

    /// <summary>Objection under 21(1): which purposes; null = all LI/public-task purposes (none when only <see cref="MarketingObjection"/> is set, OB-3).</summary>
    public IReadOnlyList<string>? ObjectionPurposeCodes { get; init; }

    /// <summary>Objection to direct marketing under 21(2).</summary>
    public bool MarketingObjection { get; init; }

    public RestrictionGround? RestrictionGround { get; init; }

    public IReadOnlyList<RectificationItem>? Rectifications { get; init; }

    /// <summary>The DPO recorded compelling legitimate grounds for every purpose in scope (ER-2, OB-2); per purpose: <see cref="Balancings"/>.</summary>
    public bool CompellingGroundsRecorded { get; init; }

    /// <summary>The DPO's balancing per purpose code (OB-2, ER-2): compelling grounds with their text, or their recorded absence.</summary>
    public IReadOnlyDictionary<string, Balancing> Balancings { get; init; } = new Dictionary<string, Balancing>();

    /// <summary>May processing for this purpose continue despite the objection (OB-2) or erasure request (ER-2, ER-3)?</summary>
    public bool HasCompellingGrounds(string purposeCode) =>
        CompellingGroundsRecorded || (Balancings.TryGetValue(purposeCode, out var b) && b.Compelling);

    /// <summary>Record sets a running contract needs; null = derive from the candidate (running assignment or status Working).</summary>
    public IReadOnlySet<RecordSet>? RunningContractNeeds { get; init; }
}
