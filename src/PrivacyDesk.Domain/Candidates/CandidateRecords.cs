using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Candidates;

/// <summary>
/// Common shape of every child record set: tied to the candidate, dated (the Collected anchor of
/// retention), and restrictable one by one (Art. 18; legal holds restrict automatically, LH-3).
/// </summary>
public abstract class CandidateRecord
{
    public Guid Id { get; set; } = Ids.New();
    public Guid CandidateId { get; set; }
    public DateOnly CollectedOn { get; set; }
    public bool Restricted { get; set; }

    /// <summary>
    /// The Art. 18 request that restricted this record (RS-1); null for the restriction of erasure remainders and
    /// held data. Such records may only be stored (RS-2): the retention sweep never erases them.
    /// </summary>
    public Guid? RestrictedByRequestId { get; set; }

    /// <summary>
    /// The legal hold whose placement restricted this record (LH-3); lifting that hold lifts exactly this
    /// restriction (LH-7), never one an Art. 18 request or an erasure put on the record.
    /// </summary>
    public Guid? RestrictedByHoldId { get; set; }

    /// <summary>Date from which an erasure deferred by a statutory period or hold becomes due.</summary>
    public DateOnly? ScheduledErasureOn { get; set; }
}

public sealed class Application : CandidateRecord
{
    public string VacancyTitle { get; set; } = "";
    public string? VacancyReference { get; set; }
    public DateOnly AppliedOn { get; set; }
    public string Status { get; set; } = "Open";
    public string? Source { get; set; }
    public string? Motivation { get; set; }
    public DateOnly? ClosedOn { get; set; }
}

public enum DocumentKind
{
    Cv,
    MotivationLetter,
    Certificate,
    DrivingLicence,
    Other,
}

public sealed class CandidateDocument : CandidateRecord
{
    public DocumentKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public byte[] Content { get; set; } = [];
}

public sealed class WorkExperience : CandidateRecord
{
    public string Employer { get; set; } = "";
    public string JobTitle { get; set; } = "";
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? Description { get; set; }
}

public sealed class EducationRecord : CandidateRecord
{
    public string Institution { get; set; } = "";
    public string Degree { get; set; } = "";
    public string? FieldOfStudy { get; set; }
    public int? StartYear { get; set; }
    public int? EndYear { get; set; }
}

public sealed class LanguageSkill : CandidateRecord
{
    public string Language { get; set; } = "";
    public string Level { get; set; } = "";
}

/// <summary>Work done through the agency at a client company (user undertaking).</summary>
public sealed class Assignment : CandidateRecord
{
    public string ClientCompany { get; set; } = "";
    public string JobTitle { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public decimal? HourlyWage { get; set; }
}

public enum PayrollDocumentType
{
    Payslip,
    IndividualAccount,
    Dimona,
    C4,
}

/// <summary>Social documents (RD 8 August 1980): statutory retention, gdpr-rules.md §4.5.</summary>
public sealed class PayrollRecord : CandidateRecord
{
    public PayrollDocumentType DocumentType { get; set; }
    public int Year { get; set; }
    public int? Month { get; set; }
    public decimal GrossAmount { get; set; }
    public decimal NetAmount { get; set; }
    public string? BankAccount { get; set; }
}

/// <summary>Withholding-tax data and forms 281.10: 10 years (Income Tax Code art. 315).</summary>
public sealed class TaxRecord : CandidateRecord
{
    public int TaxYear { get; set; }
    public string Form { get; set; } = "281.10";
    public decimal TaxableAmount { get; set; }
    public decimal WithholdingTax { get; set; }
}

public sealed class InterviewNote : CandidateRecord
{
    public DateOnly InterviewedOn { get; set; }
    public string Interviewer { get; set; } = "";
    public string Note { get; set; } = "";

    /// <summary>The person's own statement next to an opinion they dispute (RECT-3).</summary>
    public string? CandidateStatement { get; set; }
}

public sealed class Evaluation : CandidateRecord
{
    public DateOnly EvaluatedOn { get; set; }
    public string Evaluator { get; set; } = "";
    public string? ClientCompany { get; set; }
    public int? Score { get; set; }
    public string Comment { get; set; } = "";
    public string? CandidateStatement { get; set; }
}

public sealed class EmergencyContact : CandidateRecord
{
    public string Name { get; set; } = "";
    public string Relationship { get; set; } = "";
    public string Phone { get; set; } = "";
}

/// <summary>A consent with its evidence (Art. 7(1)); withdrawal keeps the minimal proof (CW-3).</summary>
public sealed class Consent : CandidateRecord
{
    public string PurposeCode { get; set; } = "";
    public DateTimeOffset GivenAt { get; set; }
    public string Method { get; set; } = "";
    public string? Evidence { get; set; }
    public bool DoubleOptIn { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawalChannel { get; set; }

    public bool IsActive => WithdrawnAt is null;
}

public sealed class ContactMessage : CandidateRecord
{
    public DateTimeOffset ReceivedAt { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateOnly? ClosedOn { get; set; }
}

public sealed class Complaint : CandidateRecord
{
    public DateOnly ReceivedOn { get; set; }
    public string Subject { get; set; } = "";
    public string Description { get; set; } = "";
    public DateOnly? ClosedOn { get; set; }
}

public sealed class SurveyAnswer : CandidateRecord
{
    public string SurveyName { get; set; } = "";
    public DateOnly AnsweredOn { get; set; }
    public int? Score { get; set; }
    public string? Comment { get; set; }
}

public sealed class Photo : CandidateRecord
{
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "image/jpeg";
    public byte[] Content { get; set; } = [];
}

/// <summary>
/// A professional e-mail between the agency and a client that mentions the candidate. In the access
/// scope after redaction review (ACC-6), never excluded wholesale.
/// </summary>
public sealed class ProfessionalEmail : CandidateRecord
{
    public DateTimeOffset SentAt { get; set; }
    public string FromAddress { get; set; } = "";
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public string? ClientCompany { get; set; }

    /// <summary>Redacted extract approved by staff for the access copy; null until reviewed.</summary>
    public string? RedactedExtract { get; set; }
}

/// <summary>The client ledger: each time a CV or profile went to a client (Art. 15(1)(c), Art. 19).</summary>
public sealed class ClientDisclosure : CandidateRecord
{
    public string ClientCompany { get; set; } = "";
    public string? ClientEmail { get; set; }
    public DateOnly DisclosedOn { get; set; }
    public string What { get; set; } = "CV";
    public string PurposeCode { get; set; } = "";
}
