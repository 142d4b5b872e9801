using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("idempotency_records");
        b.HasKey(r => new { r.Scope, r.Key });
        b.Property(r => r.Key).HasMaxLength(200);
        b.Property(r => r.Scope).HasMaxLength(200);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        // Text, not jsonb: a replay returns the first answer byte for byte (jsonb reorders keys).
        b.Property(r => r.ResponseBody).HasColumnType("text");
        b.Property(r => r.Location).HasMaxLength(500);
    }
}
