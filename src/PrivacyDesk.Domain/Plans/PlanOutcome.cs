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
