using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Candidates;

/// <summary>
/// The data subject root of the data map (product.md §3). Child record sets hang off it; each is
/// tied to processing purposes through the register, and annotated in its EF configuration.
/// </summary>
public sealed class Candidate
{
    public Guid Id { get; set; } = Ids.New();

    /// <summary>The key an ATS uses for this person (upsert by external reference).</summary>
    public string? ExternalReference { get; set; }

    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string Language { get; set; } = "nl";
    public string? Street { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; }

    /// <summary>INSZ/NISS, encrypted by the application before it is stored; never portable (PO-2).</summary>
    public string? NationalNumberEncrypted { get; set; }

    public EmploymentStatus EmploymentStatus { get; set; }
    public DateOnly RegisteredOn { get; set; }

    /// <summary>Anchor of the statutory payroll retention (gdpr-rules.md §4.5).</summary>
    public DateOnly? LastWorkingDay { get; set; }

    public DateOnly? LastActivityOn { get; set; }

    /// <summary>The person's own statement that their career with the agency ended (RET-9).</summary>
    public DateOnly? CareerEndedOn { get; set; }

    public string Source { get; set; } = "Candidate";

    /// <summary>Art. 18 restriction of the whole profile: left out of ordinary processing.</summary>
    public bool Restricted { get; set; }

    public string? RestrictionNote { get; set; }

    /// <summary>The Art. 18 request that restricted the profile (RS-1); the retention sweep never erases it (RS-2).</summary>
    public Guid? RestrictedByRequestId { get; set; }

    /// <summary>The legal hold whose placement restricted the profile (LH-3); its lift lifts only this (LH-7).</summary>
    public Guid? RestrictedByHoldId { get; set; }

    /// <summary>Set once erasure has removed everything but statutory remainders (no readable identity left).</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Application> Applications { get; set; } = [];
    public List<CandidateDocument> Documents { get; set; } = [];
    public List<WorkExperience> WorkExperience { get; set; } = [];
    public List<EducationRecord> Education { get; set; } = [];
    public List<LanguageSkill> LanguageSkills { get; set; } = [];
    public List<Assignment> Assignments { get; set; } = [];
    public List<PayrollRecord> PayrollRecords { get; set; } = [];
    public List<TaxRecord> TaxRecords { get; set; } = [];
    public List<InterviewNote> InterviewNotes { get; set; } = [];
    public List<Evaluation> Evaluations { get; set; } = [];
    public List<EmergencyContact> EmergencyContacts { get; set; } = [];
    public List<Consent> Consents { get; set; } = [];
    public List<ContactMessage> ContactMessages { get; set; } = [];
    public List<Complaint> Complaints { get; set; } = [];
    public List<SurveyAnswer> SurveyAnswers { get; set; } = [];
    public List<Photo> Photos { get; set; } = [];
    public List<ProfessionalEmail> ProfessionalEmails { get; set; } = [];
    public List<ClientDisclosure> ClientDisclosures { get; set; } = [];

    public bool HasWorked => EmploymentStatus != EmploymentStatus.Candidate || LastWorkingDay is not null;

    public string FullName => $"{FirstName} {LastName}".Trim();
}
