using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

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
