namespace PrivacyDesk.Domain.Processing;

/// <summary>Art. 6(1) legal bases (gdpr-rules.md 2.0.2).</summary>
public enum LegalBasis
{
    Consent,
    Contract,
    LegalObligation,
    VitalInterests,
    PublicTask,
    LegitimateInterests,
}

/// <summary>gdpr-rules.md RET-2.</summary>
public enum RetentionKind
{
    StatutoryMinimum,
    PolicyMaximum,
    LegalClaimsPeriod,
}

/// <summary>gdpr-rules.md §4.2.</summary>
public enum RetentionAnchor
{
    Collected,
    ConsentGiven,
    ConsentWithdrawn,
    LastActivity,
    EndOfCareer,
    LastWorkingDay,
    ContractEnd,
    CaseClosed,
    TaxablePeriodEnd,
    FinancialYearClosed,
}

public enum AnchorAdjust
{
    None,
    EndOfCalendarYear,
}

public enum ExpiryAction
{
    Erase,
    Anonymise,
    ReviewByDpo,
}

/// <summary>Which candidates a retention rule applies to (e.g. ASAP complaints: workers vs non-workers).</summary>
public enum RuleAppliesTo
{
    All,
    Workers,
    NonWorkers,
}

public enum RecipientKind
{
    Processor,
    Controller,
    ClientCompany,
    Authority,
    Other,
}

/// <summary>
/// The record sets of the data map (product.md §3). Each maps to one table; purposes list the record
/// sets they cover, so the plan engine decides per purpose and per record set (gdpr-rules.md 2.0.1).
/// </summary>
public enum RecordSet
{
    CandidateProfile,
    Applications,
    Documents,
    WorkExperience,
    Education,
    LanguageSkills,
    Assignments,
    PayrollRecords,
    TaxRecords,
    InterviewNotes,
    Evaluations,
    EmergencyContacts,
    Consents,
    ContactMessages,
    Complaints,
    SurveyAnswers,
    Photos,
    ProfessionalEmails,
    ClientDisclosures,
}

/// <summary>How a record set is erased (gdpr-rules.md ER-5).</summary>
public enum ErasureMethod
{
    Delete,
    Anonymise,
}

public enum DataCategory
{
    Identity,
    Contact,
    NationalNumber,
    Application,
    Cv,
    Career,
    Education,
    Skills,
    Assignment,
    Payroll,
    Tax,
    Assessment,
    ThirdParty,
    Consent,
    Communication,
    Complaint,
    Survey,
    Photo,
    Disclosure,
}

/// <summary>Categories of data subjects of a processing activity (Art. 30(1)(c) GDPR).</summary>
public enum DataSubjectCategory
{
    Candidates,
    TemporaryWorkers,
    ClientContacts,
    EmergencyContacts,
    Enquirers,
}

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
