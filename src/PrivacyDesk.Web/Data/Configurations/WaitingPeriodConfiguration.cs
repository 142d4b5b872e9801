using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class WaitingPeriodConfiguration : IEntityTypeConfiguration<WaitingPeriod>
{
    public void Configure(EntityTypeBuilder<WaitingPeriod> b)
    {
        b.ToTable("waiting_periods");
        b.HasKey(w => w.Id);
        b.Property(w => w.Why).HasMaxLength(2000);
    }
}
