using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

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
