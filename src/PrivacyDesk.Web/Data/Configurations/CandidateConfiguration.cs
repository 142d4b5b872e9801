using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> b)
    {
        b.ToTable("candidates");
        b.HasKey(c => c.Id);
        b.Property(c => c.ExternalReference).HasMaxLength(100);
        b.HasIndex(c => c.ExternalReference).IsUnique();
        b.Property(c => c.FirstName).HasMaxLength(100);
        b.Property(c => c.LastName).HasMaxLength(100);
        b.Property(c => c.Email).HasMaxLength(254);
        b.HasIndex(c => c.Email);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.Language).HasMaxLength(2);
        b.Property(c => c.Street).HasMaxLength(200);
        b.Property(c => c.PostalCode).HasMaxLength(20);
        b.Property(c => c.City).HasMaxLength(100);
        b.Property(c => c.Country).HasMaxLength(2);
        b.Property(c => c.NationalNumberEncrypted).HasMaxLength(500);
        b.Property(c => c.Source).HasMaxLength(100);
        b.Property(c => c.RestrictionNote).HasMaxLength(1000);
        b.HasIndex(c => new { c.LastName, c.FirstName });
        b.Ignore(c => c.HasWorked);
        b.Ignore(c => c.FullName);

        // Restriction by construction (Art. 18(2), RS-2): ordinary queries never see restricted data.
        b.HasQueryFilter(c => !c.Restricted);

        b.HoldsPersonalData(RecordSet.CandidateProfile, "Registration, identification and contact", DataCategory.Identity,
            providedBySubject: true, ErasureMethod.Anonymise,
            anonymiseFields: ["FirstName", "LastName", "Email", "Phone", "DateOfBirth", "Street", "PostalCode", "City", "NationalNumberEncrypted", "ExternalReference"],
            notPortableFields: ["NationalNumberEncrypted"]);

        b.HasMany(c => c.Applications).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Documents).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.WorkExperience).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Education).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.LanguageSkills).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Assignments).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.PayrollRecords).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.TaxRecords).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.InterviewNotes).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Evaluations).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.EmergencyContacts).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Consents).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.ContactMessages).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Complaints).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.SurveyAnswers).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Photos).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.ProfessionalEmails).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.ClientDisclosures).WithOne().HasForeignKey(r => r.CandidateId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Shared mapping of the child record sets: table, key, restriction filter, retention index.</summary>
public abstract class CandidateRecordConfiguration<T> : IEntityTypeConfiguration<T>
    where T : CandidateRecord
{
    protected abstract string Table { get; }

    public void Configure(EntityTypeBuilder<T> b)
    {
        b.ToTable(Table);
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.CandidateId);
        b.HasQueryFilter(r => !r.Restricted);
        ConfigureRecord(b);
    }

    protected abstract void ConfigureRecord(EntityTypeBuilder<T> b);
}

public sealed class ApplicationConfiguration : CandidateRecordConfiguration<Application>
{
    protected override string Table => "applications";

    protected override void ConfigureRecord(EntityTypeBuilder<Application> b)
    {
        b.Property(r => r.VacancyTitle).HasMaxLength(200);
        b.Property(r => r.VacancyReference).HasMaxLength(50);
        b.Property(r => r.Status).HasMaxLength(30);
        b.Property(r => r.Source).HasMaxLength(100);
        b.Property(r => r.Motivation).HasMaxLength(4000);
        b.HoldsPersonalData(RecordSet.Applications, "Applications and matching for vacancies", DataCategory.Application, true, ErasureMethod.Delete);
    }
}

public sealed class CandidateDocumentConfiguration : CandidateRecordConfiguration<CandidateDocument>
{
    protected override string Table => "candidate_documents";

    protected override void ConfigureRecord(EntityTypeBuilder<CandidateDocument> b)
    {
        b.Property(r => r.FileName).HasMaxLength(255);
        b.Property(r => r.ContentType).HasMaxLength(100);
        b.HoldsPersonalData(RecordSet.Documents, "CV, motivation letters and certificates", DataCategory.Cv, true, ErasureMethod.Delete);
    }
}

public sealed class WorkExperienceConfiguration : CandidateRecordConfiguration<WorkExperience>
{
    protected override string Table => "work_experience";

    protected override void ConfigureRecord(EntityTypeBuilder<WorkExperience> b)
    {
        b.Property(r => r.Employer).HasMaxLength(200);
        b.Property(r => r.JobTitle).HasMaxLength(200);
        b.Property(r => r.Description).HasMaxLength(4000);
        b.HoldsPersonalData(RecordSet.WorkExperience, "Declared work experience", DataCategory.Career, true, ErasureMethod.Delete);
    }
}

public sealed class EducationConfiguration : CandidateRecordConfiguration<EducationRecord>
{
    protected override string Table => "education";

    protected override void ConfigureRecord(EntityTypeBuilder<EducationRecord> b)
    {
        b.Property(r => r.Institution).HasMaxLength(200);
        b.Property(r => r.Degree).HasMaxLength(200);
        b.Property(r => r.FieldOfStudy).HasMaxLength(200);
        b.HoldsPersonalData(RecordSet.Education, "Declared education and training", DataCategory.Education, true, ErasureMethod.Delete);
    }
}

public sealed class LanguageSkillConfiguration : CandidateRecordConfiguration<LanguageSkill>
{
    protected override string Table => "language_skills";

    protected override void ConfigureRecord(EntityTypeBuilder<LanguageSkill> b)
    {
        b.Property(r => r.Language).HasMaxLength(50);
        b.Property(r => r.Level).HasMaxLength(50);
        b.HoldsPersonalData(RecordSet.LanguageSkills, "Declared language skills", DataCategory.Skills, true, ErasureMethod.Delete);
    }
}

public sealed class AssignmentConfiguration : CandidateRecordConfiguration<Assignment>
{
    protected override string Table => "assignments";

    protected override void ConfigureRecord(EntityTypeBuilder<Assignment> b)
    {
        b.Property(r => r.ClientCompany).HasMaxLength(200);
        b.Property(r => r.JobTitle).HasMaxLength(200);
        b.Property(r => r.HourlyWage).HasPrecision(10, 2);
        b.HoldsPersonalData(RecordSet.Assignments, "Temporary-work contracts and assignments at client companies", DataCategory.Assignment, false, ErasureMethod.Delete);
    }
}

public sealed class PayrollRecordConfiguration : CandidateRecordConfiguration<PayrollRecord>
{
    protected override string Table => "payroll_records";

    protected override void ConfigureRecord(EntityTypeBuilder<PayrollRecord> b)
    {
        b.Property(r => r.GrossAmount).HasPrecision(12, 2);
        b.Property(r => r.NetAmount).HasPrecision(12, 2);
        b.Property(r => r.BankAccount).HasMaxLength(40);
        b.HoldsPersonalData(RecordSet.PayrollRecords, "Payroll and social documents (legal obligation)", DataCategory.Payroll, false, ErasureMethod.Delete);
    }
}

public sealed class TaxRecordConfiguration : CandidateRecordConfiguration<TaxRecord>
{
    protected override string Table => "tax_records";

    protected override void ConfigureRecord(EntityTypeBuilder<TaxRecord> b)
    {
        b.Property(r => r.Form).HasMaxLength(20);
        b.Property(r => r.TaxableAmount).HasPrecision(12, 2);
        b.Property(r => r.WithholdingTax).HasPrecision(12, 2);
        b.HoldsPersonalData(RecordSet.TaxRecords, "Withholding tax and tax forms (legal obligation)", DataCategory.Tax, false, ErasureMethod.Delete);
    }
}

public sealed class InterviewNoteConfiguration : CandidateRecordConfiguration<InterviewNote>
{
    protected override string Table => "interview_notes";

    protected override void ConfigureRecord(EntityTypeBuilder<InterviewNote> b)
    {
        b.Property(r => r.Interviewer).HasMaxLength(200);
        b.Property(r => r.Note).HasMaxLength(8000);
        b.Property(r => r.CandidateStatement).HasMaxLength(4000);
        b.HoldsPersonalData(RecordSet.InterviewNotes, "Recruiter interview notes", DataCategory.Assessment, false, ErasureMethod.Delete);
    }
}

public sealed class EvaluationConfiguration : CandidateRecordConfiguration<Evaluation>
{
    protected override string Table => "evaluations";

    protected override void ConfigureRecord(EntityTypeBuilder<Evaluation> b)
    {
        b.Property(r => r.Evaluator).HasMaxLength(200);
        b.Property(r => r.ClientCompany).HasMaxLength(200);
        b.Property(r => r.Comment).HasMaxLength(8000);
        b.Property(r => r.CandidateStatement).HasMaxLength(4000);
        b.HoldsPersonalData(RecordSet.Evaluations, "Evaluations and client feedback", DataCategory.Assessment, false, ErasureMethod.Delete);
    }
}

public sealed class EmergencyContactConfiguration : CandidateRecordConfiguration<EmergencyContact>
{
    protected override string Table => "emergency_contacts";

    protected override void ConfigureRecord(EntityTypeBuilder<EmergencyContact> b)
    {
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Relationship).HasMaxLength(100);
        b.Property(r => r.Phone).HasMaxLength(40);
        b.HoldsPersonalData(RecordSet.EmergencyContacts, "Emergency contact (third-party data)", DataCategory.ThirdParty, true, ErasureMethod.Delete);
    }
}

public sealed class ConsentConfiguration : CandidateRecordConfiguration<Consent>
{
    protected override string Table => "consents";

    protected override void ConfigureRecord(EntityTypeBuilder<Consent> b)
    {
        b.Property(r => r.PurposeCode).HasMaxLength(60);
        b.Property(r => r.Method).HasMaxLength(100);
        b.Property(r => r.Evidence).HasMaxLength(2000);
        b.Property(r => r.WithdrawalChannel).HasMaxLength(100);
        b.Ignore(r => r.IsActive);
        // CW-3: the proof of consent and withdrawal is kept minimal rather than erased with the data.
        b.HoldsPersonalData(RecordSet.Consents, "Consents with their evidence", DataCategory.Consent, true, ErasureMethod.Anonymise,
            anonymiseFields: ["Evidence"]);
    }
}

public sealed class ContactMessageConfiguration : CandidateRecordConfiguration<ContactMessage>
{
    protected override string Table => "contact_messages";

    protected override void ConfigureRecord(EntityTypeBuilder<ContactMessage> b)
    {
        b.Property(r => r.Subject).HasMaxLength(300);
        b.Property(r => r.Body).HasMaxLength(8000);
        b.HoldsPersonalData(RecordSet.ContactMessages, "Questions through the contact form", DataCategory.Communication, true, ErasureMethod.Delete);
    }
}

public sealed class ComplaintConfiguration : CandidateRecordConfiguration<Complaint>
{
    protected override string Table => "complaints";

    protected override void ConfigureRecord(EntityTypeBuilder<Complaint> b)
    {
        b.Property(r => r.Subject).HasMaxLength(300);
        b.Property(r => r.Description).HasMaxLength(8000);
        b.HoldsPersonalData(RecordSet.Complaints, "Complaints handling", DataCategory.Complaint, true, ErasureMethod.Delete);
    }
}

public sealed class SurveyAnswerConfiguration : CandidateRecordConfiguration<SurveyAnswer>
{
    protected override string Table => "survey_answers";

    protected override void ConfigureRecord(EntityTypeBuilder<SurveyAnswer> b)
    {
        b.Property(r => r.SurveyName).HasMaxLength(200);
        b.Property(r => r.Comment).HasMaxLength(4000);
        b.HoldsPersonalData(RecordSet.SurveyAnswers, "Satisfaction surveys", DataCategory.Survey, true, ErasureMethod.Anonymise,
            anonymiseFields: ["Comment"]);
    }
}

public sealed class PhotoConfiguration : CandidateRecordConfiguration<Photo>
{
    protected override string Table => "photos";

    protected override void ConfigureRecord(EntityTypeBuilder<Photo> b)
    {
        b.Property(r => r.FileName).HasMaxLength(255);
        b.Property(r => r.ContentType).HasMaxLength(100);
        b.HoldsPersonalData(RecordSet.Photos, "Optional photo (consent)", DataCategory.Photo, true, ErasureMethod.Delete);
    }
}

public sealed class ProfessionalEmailConfiguration : CandidateRecordConfiguration<ProfessionalEmail>
{
    protected override string Table => "professional_emails";

    protected override void ConfigureRecord(EntityTypeBuilder<ProfessionalEmail> b)
    {
        b.Property(r => r.FromAddress).HasMaxLength(254);
        b.Property(r => r.ToAddress).HasMaxLength(254);
        b.Property(r => r.Subject).HasMaxLength(300);
        b.Property(r => r.Body).HasMaxLength(20000);
        b.Property(r => r.ClientCompany).HasMaxLength(200);
        b.Property(r => r.RedactedExtract).HasMaxLength(20000);
        b.HoldsPersonalData(RecordSet.ProfessionalEmails, "Professional e-mails with client companies mentioning the candidate", DataCategory.Communication, false, ErasureMethod.Delete);
    }
}

public sealed class ClientDisclosureConfiguration : CandidateRecordConfiguration<ClientDisclosure>
{
    protected override string Table => "client_disclosures";

    protected override void ConfigureRecord(EntityTypeBuilder<ClientDisclosure> b)
    {
        b.Property(r => r.ClientCompany).HasMaxLength(200);
        b.Property(r => r.ClientEmail).HasMaxLength(254);
        b.Property(r => r.What).HasMaxLength(100);
        b.Property(r => r.PurposeCode).HasMaxLength(60);
        b.HoldsPersonalData(RecordSet.ClientDisclosures, "Client ledger: CVs and profiles sent to client companies", DataCategory.Disclosure, false, ErasureMethod.Delete);
    }
}
