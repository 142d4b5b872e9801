using PrivacyDesk.Domain.Candidates;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// The records an ATS pushes with a candidate, one list per record set of the data map (product.md §3).
/// A set left out (null) is not touched; records are merged by their natural key (see each <c>Key</c>),
/// so pushing the same candidate twice does not duplicate anything, and nothing is ever deleted by a push
/// (erasure goes through a request).
/// </summary>
public sealed record CandidateRecordsInput
{
    public IReadOnlyList<ApplicationInput>? Applications { get; init; }
    public IReadOnlyList<DocumentInput>? Documents { get; init; }
    public IReadOnlyList<WorkExperienceInput>? WorkExperience { get; init; }
    public IReadOnlyList<EducationInput>? Education { get; init; }
    public IReadOnlyList<LanguageSkillInput>? LanguageSkills { get; init; }
    public IReadOnlyList<AssignmentInput>? Assignments { get; init; }
    public IReadOnlyList<PayrollInput>? PayrollRecords { get; init; }
    public IReadOnlyList<TaxInput>? TaxRecords { get; init; }
    public IReadOnlyList<InterviewNoteInput>? InterviewNotes { get; init; }
    public IReadOnlyList<EvaluationInput>? Evaluations { get; init; }
    public IReadOnlyList<EmergencyContactInput>? EmergencyContacts { get; init; }
    public IReadOnlyList<ConsentInput>? Consents { get; init; }
    public IReadOnlyList<ContactMessageInput>? ContactMessages { get; init; }
    public IReadOnlyList<ComplaintInput>? Complaints { get; init; }
    public IReadOnlyList<SurveyAnswerInput>? SurveyAnswers { get; init; }
    public IReadOnlyList<PhotoInput>? Photos { get; init; }
    public IReadOnlyList<ProfessionalEmailInput>? ProfessionalEmails { get; init; }
    public IReadOnlyList<ClientDisclosureInput>? ClientDisclosures { get; init; }
}
