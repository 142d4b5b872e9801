using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class RetentionRuleConfiguration : IEntityTypeConfiguration<RetentionRule>
{
    public void Configure(EntityTypeBuilder<RetentionRule> b)
    {
        b.ToTable("retention_rules");
        b.HasKey(r => r.Id);
        b.Property(r => r.Code).HasMaxLength(80);
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Period).HasMaxLength(20);
        b.Property(r => r.CapPeriod).HasMaxLength(20);
        b.Property(r => r.FloorPeriod).HasMaxLength(20);
        b.Property(r => r.Citation).HasMaxLength(1000);
        b.Property(r => r.Note).HasMaxLength(2000);
    }
}
