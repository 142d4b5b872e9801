using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

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
