using PrivacyDesk.Domain.Deadlines;

namespace PrivacyDesk.Domain.Plans;

/// <summary>The §8 switches the plan engine reads; defaults are the documented ones.</summary>
public sealed record PlanSettings
{
    /// <summary>ERASURE_IMPLIES_OBJECTION_FOR_LI (ER-3).</summary>
    public bool ErasureImpliesObjectionForLegitimateInterests { get; init; } = true;

    /// <summary>ACCESS_FREEZES_RETENTION (ACC-3).</summary>
    public bool AccessFreezesRetention { get; init; } = true;

    /// <summary>CAREER_INACTIVITY_PERIOD (RET-9).</summary>
    public IsoPeriod CareerInactivityPeriod { get; init; } = new(2, 0, 0);

    /// <summary>RETENTION_GRACE_DAYS (RET-6, LH-3).</summary>
    public int RetentionGraceDays { get; init; } = 30;
}
