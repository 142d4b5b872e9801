using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Audit;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).UseIdentityAlwaysColumn();
        b.Property(e => e.Actor).HasMaxLength(200);
        b.Property(e => e.Type).HasMaxLength(80);
        b.Property(e => e.Summary).HasMaxLength(2000);
        b.Property(e => e.Data).HasColumnType("jsonb");
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => e.OccurredAt);
        // A request's trail in order; it also serves the foreign key, so no separate request_id index (0007).
        b.HasIndex(e => new { e.RequestId, e.Sequence });
        b.HasIndex(e => e.CandidateId);
        b.HasIndex(e => e.LegalHoldId);
        b.HoldsNoPersonalContent("Audit summaries carry ids, types and outcomes only; Data is redacted with the case file.");
    }
}
