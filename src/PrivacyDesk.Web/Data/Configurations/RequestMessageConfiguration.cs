using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class RequestMessageConfiguration : IEntityTypeConfiguration<RequestMessage>
{
    public void Configure(EntityTypeBuilder<RequestMessage> b)
    {
        b.ToTable("request_messages");
        b.HasKey(m => m.Id);
        b.Property(m => m.Author).HasMaxLength(200);
        b.Property(m => m.Body).HasMaxLength(8000);
    }
}
