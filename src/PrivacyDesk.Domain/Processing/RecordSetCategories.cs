namespace PrivacyDesk.Domain.Processing;

/// <summary>
/// RET-3: the data categories each record set holds, so that a record set is under its purpose's rules for those
/// categories. The one map used by the plan engine and the retention sweep.
/// </summary>
public static class RecordSetCategories
{
    private static readonly Dictionary<RecordSet, DataCategory[]> Map = new()
    {
        [RecordSet.CandidateProfile] = [DataCategory.Identity, DataCategory.Contact, DataCategory.NationalNumber],
        [RecordSet.Applications] = [DataCategory.Application],
        [RecordSet.Documents] = [DataCategory.Cv],
        [RecordSet.WorkExperience] = [DataCategory.Career],
        [RecordSet.Education] = [DataCategory.Education],
        [RecordSet.LanguageSkills] = [DataCategory.Skills],
        [RecordSet.Assignments] = [DataCategory.Assignment],
        [RecordSet.PayrollRecords] = [DataCategory.Payroll],
        [RecordSet.TaxRecords] = [DataCategory.Tax],
        [RecordSet.InterviewNotes] = [DataCategory.Assessment],
        [RecordSet.Evaluations] = [DataCategory.Assessment],
        [RecordSet.EmergencyContacts] = [DataCategory.ThirdParty],
        [RecordSet.Consents] = [DataCategory.Consent],
        [RecordSet.ContactMessages] = [DataCategory.Communication],
        [RecordSet.Complaints] = [DataCategory.Complaint],
        [RecordSet.SurveyAnswers] = [DataCategory.Survey],
        [RecordSet.Photos] = [DataCategory.Photo],
        [RecordSet.ProfessionalEmails] = [DataCategory.Communication],
        [RecordSet.ClientDisclosures] = [DataCategory.Disclosure],
    };

    public static IReadOnlyList<DataCategory> Of(RecordSet set) => Map[set];

    /// <summary>
    /// RET-3: the rules of a purpose that govern a record set: those for the set's categories, or, when the purpose
    /// has none for them, all of its rules.
    /// </summary>
    public static IReadOnlyList<RetentionRule> RulesFor(ProcessingPurpose purpose, RecordSet set)
    {
        var categories = Map[set];
        var matching = purpose.RetentionRules.Where(r => categories.Contains(r.DataCategory)).ToList();
        return matching.Count > 0 ? matching : purpose.RetentionRules;
    }
}
