using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Plans;

/// <summary>
/// Who must hear of a carried-out sub-request (2.0.7): Art. 19 reaches only the recipients of the data
/// that were rectified, erased or restricted, never every recipient in the register (ER-9, RS-5, RECT-6).
/// A consent withdrawal also reaches those who received data on that consent (CW-4); a marketing
/// objection reaches the processors that send marketing (OB-3, CLK-DM).
/// </summary>
public static class ArticleNineteen
{
    /// <summary>The purposes whose data this plan rectifies, erases or restricts (the Art. 19 events).</summary>
    public static IReadOnlySet<string> AffectedPurposes(RequestPlan plan)
    {
        PlanOutcome[] acting = plan.Type switch
        {
            RequestType.Rectification => [PlanOutcome.Correct, PlanOutcome.AddStatement],
            // Erasure under 17(1)(a)-(c): on request, after a withdrawal (17(1)(b)) or an upheld objection (17(1)(c)).
            RequestType.Erasure or RequestType.ConsentWithdrawal or RequestType.Objection => [PlanOutcome.Erase, PlanOutcome.Anonymise],
            RequestType.Restriction => [PlanOutcome.Restrict, PlanOutcome.KeepRestrictedUntil],
            _ => [],
        };
        return plan.NoDataHeld
            ? new HashSet<string>()
            : plan.Lines.Where(l => acting.Contains(l.Outcome)).Select(l => l.PurposeCode).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Purposes that stop without an Art. 19 event but whose processors must be told: withdrawn consents (CW-4), marketing (OB-3).</summary>
    public static IReadOnlySet<string> StoppedPurposes(RequestPlan plan)
    {
        if (plan.NoDataHeld)
            return new HashSet<string>();
        var stopped = plan.Lines.Where(l => l.Outcome == PlanOutcome.StopProcessing);
        return (plan.Type switch
        {
            RequestType.ConsentWithdrawal => stopped,
            RequestType.Objection => stopped.Where(l => l.RuleId == "OB-3"),
            _ => [],
        }).Select(l => l.PurposeCode).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Client companies in the ledger that received data of these purposes (old snapshots without a ledger: none can be matched, so all).</summary>
    public static IReadOnlyList<string> Clients(RequestPlan plan, IReadOnlySet<string> purposes) =>
        plan.Ledger is null
            ? (purposes.Count == 0 ? [] : plan.ClientCompanies)
            : plan.Ledger.Where(e => purposes.Contains(e.PurposeCode)).Select(e => e.ClientCompany)
                .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
}
