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
