using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>The table of replaced status links: the hash only, removed with its request.</summary>
public sealed class ReplacedStatusLinkConfiguration : IEntityTypeConfiguration<ReplacedStatusLink>
{
    public void Configure(EntityTypeBuilder<ReplacedStatusLink> b)
    {
        b.ToTable("replaced_status_links");
        b.HasKey(x => x.Id);
        b.Property(x => x.TokenHash).HasMaxLength(100);
        b.HasIndex(x => x.TokenHash);
        b.HasOne<DataSubjectRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HoldsNoPersonalContent("A hash of a secret link that no longer opens anything.");
    }
}
