using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class SubRequestConfiguration : IEntityTypeConfiguration<SubRequest>
{
    public void Configure(EntityTypeBuilder<SubRequest> b)
    {
        b.ToTable("sub_requests");
        b.HasKey(s => s.Id);
        b.Property(s => s.DetailsJson).HasColumnType("jsonb");
        b.Property(s => s.OutcomeReason).HasMaxLength(8000);
        b.Property(s => s.PlanJson).HasColumnType("jsonb");
    }
}
