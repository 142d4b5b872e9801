using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> b)
    {
        b.ToTable("legal_holds");
        b.HasKey(h => h.Id);
        b.Property(h => h.Number).HasDefaultValueSql("nextval('legal_hold_number_seq')");
        b.HasIndex(h => h.Number).IsUnique();
        b.Property(h => h.ExternalReference).HasMaxLength(200);
        b.Property(h => h.Description).HasMaxLength(2000);
        b.Property(h => h.Justification).HasMaxLength(2000);
        b.Property(h => h.EndCondition).HasMaxLength(1000);
        b.Property(h => h.PlacedBy).HasMaxLength(200);
        b.Property(h => h.LiftedBy).HasMaxLength(200);
        b.Property(h => h.LiftReason).HasMaxLength(2000);
        b.HasIndex(h => h.CandidateId);
        b.Ignore(h => h.IsActive);
        b.Ignore(h => h.Reference);
        b.HoldsNoPersonalContent("A hold names the candidate by id and the matter by external reference.");
    }
}

public sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> b)
    {
        b.ToTable("work_tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.Title).HasMaxLength(300);
        b.Property(t => t.Instructions).HasMaxLength(4000);
        b.Property(t => t.PlanLine).HasMaxLength(2000);
        b.Property(t => t.PreparedMessage).HasMaxLength(8000);
        b.Property(t => t.DoneBy).HasMaxLength(200);
        b.Property(t => t.Note).HasMaxLength(2000);
        b.HasIndex(t => new { t.RequestId, t.Status });
    }
}

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

public sealed class ErasureLedgerConfiguration : IEntityTypeConfiguration<ErasureLedgerEntry>
{
    public void Configure(EntityTypeBuilder<ErasureLedgerEntry> b)
    {
        b.ToTable("erasure_ledger");
        b.HasKey(e => e.Id);
        b.Property(e => e.RuleCode).HasMaxLength(80);
        b.Property(e => e.RecordSet).HasMaxLength(40);
        b.HasIndex(e => e.CandidateId);
        b.HasIndex(e => e.RequestId);
        b.HoldsNoPersonalContent("Counts and record types only (product.md §4 erasure ledger).");
    }
}

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
