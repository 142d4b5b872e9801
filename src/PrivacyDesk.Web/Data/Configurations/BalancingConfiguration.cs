using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyDesk.Web.Data.Configurations;

/// <summary>One balancing per request and purpose (OB-2); not personal data of its own beyond the DPO's reasoning.</summary>
public sealed class PurposeBalancingConfiguration : IEntityTypeConfiguration<PurposeBalancing>
{
    public void Configure(EntityTypeBuilder<PurposeBalancing> b)
    {
        b.ToTable("purpose_balancings");
        b.HasKey(x => x.Id);
        b.Property(x => x.PurposeCode).HasMaxLength(60);
        b.Property(x => x.Grounds).HasMaxLength(PurposeBalancing.MaxGrounds);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.HasIndex(x => new { x.RequestId, x.PurposeCode }).IsUnique();
    }
}
