using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Data.Configurations;

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
