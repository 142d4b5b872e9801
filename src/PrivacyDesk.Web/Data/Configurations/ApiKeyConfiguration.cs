using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("api_keys");
        b.HasKey(k => k.Id);
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.Prefix).HasMaxLength(20);
        b.HasIndex(k => k.Prefix).IsUnique();
        b.Property(k => k.KeyHash).HasMaxLength(100);
        b.Property(k => k.Role).HasMaxLength(20);
        b.Property(k => k.CreatedBy).HasMaxLength(200);
    }
}
