using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class SuppressionEntryConfiguration : IEntityTypeConfiguration<SuppressionEntry>
{
    public void Configure(EntityTypeBuilder<SuppressionEntry> b)
    {
        b.ToTable("suppression_entries");
        b.HasKey(s => s.Id);
        b.Property(s => s.EmailHash).HasMaxLength(64);
        b.Property(s => s.PhoneHash).HasMaxLength(64);
        b.Property(s => s.NationalNumberHash).HasMaxLength(64);
        b.Property(s => s.RequestReference).HasMaxLength(20);
        b.HasIndex(s => s.EmailHash);
        b.HasIndex(s => s.PhoneHash);
        b.HasIndex(s => s.NationalNumberHash);
    }
}
