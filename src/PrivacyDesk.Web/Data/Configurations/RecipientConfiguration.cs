using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class RecipientConfiguration : IEntityTypeConfiguration<Recipient>
{
    public void Configure(EntityTypeBuilder<Recipient> b)
    {
        b.ToTable("recipients");
        b.HasKey(r => r.Id);
        b.Property(r => r.Code).HasMaxLength(60);
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Country).HasMaxLength(2);
        b.Property(r => r.TransferSafeguard).HasMaxLength(300);
        b.Property(r => r.Description).HasMaxLength(2000);
        b.Property(r => r.ContactEmail).HasMaxLength(254);
    }
}
