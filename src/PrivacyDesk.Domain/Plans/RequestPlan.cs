using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Plans;

/// <summary>The plan for one sub-request.</summary>
public sealed record RequestPlan(
    RequestType Type,
    bool NoDataHeld,
    IReadOnlyList<PlanLine> Lines,
    IReadOnlyList<RecordDecision> Records,
    IReadOnlyList<string> RecipientCodes,
    IReadOnlyList<string> ClientCompanies,
    IReadOnlyList<LocalizedText> Notices,
    IReadOnlyList<LedgerEntry>? Ledger = null)
{
    /// <summary>A full or partial refusal: the answer needs the Art. 12(4) elements N1–N5.</summary>
    public bool HasRefusals => Lines.Any(l => l.Outcome == PlanOutcome.Refuse);

    public IEnumerable<PlanLine> Given => Lines.Where(l => l.Outcome is PlanOutcome.Give or PlanOutcome.GiveRedacted);

    public IEnumerable<PlanLine> Kept => Lines.Where(l => l.Outcome is PlanOutcome.Keep or PlanOutcome.KeepRestrictedUntil);

    public IEnumerable<PlanLine> Erased => Lines.Where(l => l.Outcome is PlanOutcome.Erase or PlanOutcome.Anonymise);

    public IEnumerable<PlanLine> Withheld => Lines.Where(l => l.Outcome == PlanOutcome.Withhold);

    public IEnumerable<PlanLine> NotApplicable => Lines.Where(l => l.Outcome == PlanOutcome.NotApplicable);

    /// <summary>Lines for one purpose and record set (a set may have several lines when record dates differ).</summary>
    public IEnumerable<PlanLine> For(string purposeCode, RecordSet recordSet) =>
        Lines.Where(l => l.PurposeCode == purposeCode && l.RecordSet == recordSet);

    public RecordDecision? DecisionFor(Guid recordId) => Records.FirstOrDefault(r => r.RecordId == recordId);
}
