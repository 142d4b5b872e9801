using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

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
