using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.LegalHolds;

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
