using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

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
