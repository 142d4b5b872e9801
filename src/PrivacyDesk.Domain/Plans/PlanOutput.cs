using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Plans;

public enum PlanOutcome
{
    Give,
    GiveRedacted,
    Withhold,
    Correct,
    AddStatement,
    Erase,
    Anonymise,
    Restrict,
    KeepRestrictedUntil,
    Keep,
    StopProcessing,
    Refuse,
    NotApplicable,
}

/// <summary>A text in the three languages of an answer (2.0.5).</summary>
public sealed record LocalizedText(string Nl, string Fr, string En)
{
    /// <summary>The text in "nl", "fr" or "en" (also "fr-BE" etc.); Dutch otherwise, the first language of the agency.</summary>
    public string For(string language)
    {
        var code = (language ?? "").Trim().ToLowerInvariant();
        return code.StartsWith("fr", StringComparison.Ordinal) ? FrenchContractions(Fr)
            : code.StartsWith("en", StringComparison.Ordinal) ? En
            : Nl;
    }

    /// <summary>
    /// Texts built from parts ("sur la base de " + "le contrat", "jusqu'à " + "le retrait") need French's
    /// compulsory contractions: du, des, au, aux. Only after the joins the planners use, because "de le" and
    /// "à le" are correct before a verb ("afin de le supprimer").
    /// </summary>
    public static string FrenchContractions(string text) => text
        .Replace("base de le ", "base du ", StringComparison.Ordinal)
        .Replace("base de les ", "base des ", StringComparison.Ordinal)
        .Replace("jusqu'à le ", "jusqu'au ", StringComparison.Ordinal)
        .Replace("jusqu'à les ", "jusqu'aux ", StringComparison.Ordinal)
        .Replace("jusqu’à le ", "jusqu’au ", StringComparison.Ordinal)
        .Replace("après de le ", "après du ", StringComparison.Ordinal)
        .Replace("à compter de le ", "à compter du ", StringComparison.Ordinal)
        .Replace("fin de le ", "fin du ", StringComparison.Ordinal)
        .Replace("date de le ", "date du ", StringComparison.Ordinal);
}

/// <summary>
/// What happens to one record set for one purpose, and why. KeepUntil is the last day kept (RET-6);
/// null with a keeping outcome means "until an event that has not happened yet" (a hold lifted, a contract ended).
/// </summary>
public sealed record PlanLine(
    string PurposeCode,
    string PurposeName,
    RecordSet RecordSet,
    PlanOutcome Outcome,
    int RecordCount,
    IReadOnlyList<Guid> RecordIds,
    DateOnly? KeepUntil,
    string Article,
    string RuleId,
    LocalizedText Reason,
    string? LegalHoldReference = null,
    string? RetentionRuleCode = null);

/// <summary>The final verdict for one record after combining all its purposes (2.0.1).</summary>
public sealed record RecordDecision(RecordSet RecordSet, Guid RecordId, PlanOutcome Outcome, DateOnly? KeepUntil);

/// <summary>One line of the client ledger: which client company received data, for which purpose (Art. 19 recipients, 2.0.7).</summary>
public sealed record LedgerEntry(string ClientCompany, string PurposeCode);

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
