using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class RequestPackageConfiguration : IEntityTypeConfiguration<RequestPackage>
{
    public void Configure(EntityTypeBuilder<RequestPackage> b)
    {
        b.ToTable("request_packages");
        b.HasKey(p => p.Id);
        b.Property(p => p.FileName).HasMaxLength(255);
        b.Property(p => p.ContentType).HasMaxLength(100);
        b.Property(p => p.DownloadTokenHash).HasMaxLength(100);
        b.HasIndex(p => p.DownloadTokenHash).IsUnique();
        b.HasIndex(p => p.RequestId);
    }
}
