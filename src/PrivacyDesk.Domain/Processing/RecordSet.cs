namespace PrivacyDesk.Domain.Processing;

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
