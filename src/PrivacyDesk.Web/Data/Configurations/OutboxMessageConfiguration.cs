using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.HasKey(m => m.Id);
        b.Property(m => m.ToAddress).HasMaxLength(254);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.Template).HasMaxLength(60);
        b.Property(m => m.Language).HasMaxLength(2);
        b.Property(m => m.LastError).HasMaxLength(2000);
        // The dispatcher picks due, unsent messages with FOR UPDATE SKIP LOCKED.
        b.HasIndex(m => m.NextAttemptAt).HasFilter("sent_at IS NULL AND NOT failed_permanently");
        b.HasIndex(m => m.RequestId);
    }
}
