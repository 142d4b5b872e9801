using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class RequestAttachmentConfiguration : IEntityTypeConfiguration<RequestAttachment>
{
    public void Configure(EntityTypeBuilder<RequestAttachment> b)
    {
        b.ToTable("request_attachments");
        b.HasKey(a => a.Id);
        b.Property(a => a.FileName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.HasIndex(a => a.RequestId);
    }
}
