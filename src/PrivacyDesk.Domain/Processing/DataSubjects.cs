namespace PrivacyDesk.Domain.Processing;

/// <summary>The categories of data subjects a purpose concerns when its register entry does not name them: derived from its record sets.</summary>
public static class DataSubjects
{
    public static IReadOnlyList<DataSubjectCategory> For(RecordSet set) => set switch
    {
        RecordSet.Assignments or RecordSet.PayrollRecords or RecordSet.TaxRecords => [DataSubjectCategory.TemporaryWorkers],
        RecordSet.EmergencyContacts => [DataSubjectCategory.EmergencyContacts],
        RecordSet.ContactMessages or RecordSet.Complaints => [DataSubjectCategory.Enquirers],
        RecordSet.ProfessionalEmails or RecordSet.ClientDisclosures => [DataSubjectCategory.Candidates, DataSubjectCategory.ClientContacts],
        _ => [DataSubjectCategory.Candidates],
    };

    public static List<DataSubjectCategory> Derive(IEnumerable<RecordSet> sets) =>
        sets.SelectMany(For).Distinct().Order().ToList();
}
