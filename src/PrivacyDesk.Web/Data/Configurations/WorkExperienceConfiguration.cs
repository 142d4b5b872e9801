using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

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
