using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.LegalHolds;

/// <summary>
/// gdpr-rules.md §3: a recorded decision that data must be preserved for legal claims (17(3)(e)).
/// Only the DPO places and lifts (LH-4); both transitions are guarded and audited by the caller.
/// </summary>
public sealed class LegalHold
{
    private LegalHold() { }

    public Guid Id { get; private set; } = Ids.New();

    /// <summary>Human reference such as "LH-7" (sequence number).</summary>
    public long Number { get; private set; }

    public Guid CandidateId { get; private set; }
    public bool AllPurposes { get; private set; }
    public List<string> PurposeCodes { get; private set; } = [];
    public LegalHoldReason Reason { get; private set; }
    public string ExternalReference { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>Written justification, mandatory for an all-purposes hold (LH-2).</summary>
    public string? Justification { get; private set; }

    public string EndCondition { get; private set; } = "";
    public string PlacedBy { get; private set; } = "";
    public DateTimeOffset PlacedAt { get; private set; }
    public DateOnly ReviewOn { get; private set; }
    public string? LiftedBy { get; private set; }
    public DateTimeOffset? LiftedAt { get; private set; }
    public string? LiftReason { get; private set; }

    public bool IsActive => LiftedAt is null;

    public string Reference => $"LH-{Number}";

    public static LegalHold Place(Guid candidateId, bool allPurposes, IEnumerable<string> purposeCodes,
        LegalHoldReason reason, string externalReference, string description, string? justification,
        string endCondition, DateOnly reviewOn, string placedBy, DateTimeOffset now, DateOnly today, int maxReviewMonths = 6)
    {
        var codes = purposeCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
        if (!allPurposes && codes.Count == 0)
            throw new DomainException("hold.scope", "A legal hold covers the candidate's data for chosen purposes, or all purposes.", "LH-2");
        if (allPurposes && string.IsNullOrWhiteSpace(justification))
            throw new DomainException("hold.justification", "An all-purposes hold requires a written justification.", "LH-2");
        if (string.IsNullOrWhiteSpace(externalReference) || string.IsNullOrWhiteSpace(description) || string.IsNullOrWhiteSpace(endCondition))
            throw new DomainException("hold.fields", "Reference, description and end condition are mandatory.", "LH-5");
        if (reviewOn <= today || reviewOn > today.AddMonths(maxReviewMonths))
            throw new DomainException("hold.review", $"The review date must be after today and at most {maxReviewMonths} months ahead.", "LH-5");

        return new LegalHold
        {
            CandidateId = candidateId,
            AllPurposes = allPurposes,
            PurposeCodes = allPurposes ? [] : codes,
            Reason = reason,
            ExternalReference = externalReference.Trim(),
            Description = description.Trim(),
            Justification = justification?.Trim(),
            EndCondition = endCondition.Trim(),
            ReviewOn = reviewOn,
            PlacedBy = placedBy,
            PlacedAt = now,
        };
    }

    /// <summary>True when this active hold covers data kept for the purpose.</summary>
    public bool Covers(string purposeCode) => IsActive && (AllPurposes || PurposeCodes.Contains(purposeCode));

    public void Review(DateOnly nextReviewOn, string reason, DateOnly today, int maxReviewMonths = 6)
    {
        EnsureActive();
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("hold.review-reason", "Each renewal records a reason.", "LH-6");
        if (nextReviewOn <= today || nextReviewOn > today.AddMonths(maxReviewMonths))
            throw new DomainException("hold.review", $"The review date must be after today and at most {maxReviewMonths} months ahead.", "LH-5");
        ReviewOn = nextReviewOn;
    }

    public void Lift(string liftedBy, string? reason, DateTimeOffset now)
    {
        EnsureActive();
        // LH-7 records why a hold ends, whoever lifts it (LH-4: a colleague's hold certainly needs one).
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("hold.lift-reason", "Lifting a legal hold requires a reason.", "LH-7");
        LiftedBy = liftedBy;
        LiftedAt = now;
        LiftReason = reason?.Trim();
    }

    private void EnsureActive()
    {
        if (!IsActive)
            throw new DomainException("hold.lifted", "This legal hold has already been lifted.", "LH-7");
    }
}
