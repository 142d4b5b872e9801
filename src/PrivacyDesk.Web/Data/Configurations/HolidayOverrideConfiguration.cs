using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class HolidayOverrideConfiguration : IEntityTypeConfiguration<HolidayOverrideEntry>
{
    public void Configure(EntityTypeBuilder<HolidayOverrideEntry> b)
    {
        b.ToTable("holiday_overrides");
        b.HasKey(h => h.Id);
        b.Property(h => h.Name).HasMaxLength(100);
        // DL-12: at most one override per holiday and year (0002_rules_holiday_overrides.sql).
        b.HasIndex(h => new { h.Year, h.Name }).IsUnique();
    }
}
