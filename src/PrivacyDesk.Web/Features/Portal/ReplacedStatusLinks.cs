using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// The hash of a status link that a newer one replaced, so the old link can say "this link was replaced,
/// use the newest e-mail or ask again" instead of "not found". Only the hash is kept, like the live link's;
/// the row goes with its request.
/// </summary>
public sealed class ReplacedStatusLink
{
    public Guid Id { get; set; } = Ids.New();
    public Guid RequestId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTimeOffset ReplacedAt { get; set; }
}

public static class ReplacedStatusLinks
{
    /// <summary>Remembers the current status link of <paramref name="request"/> as replaced; call before renewing it.</summary>
    public static void Remember(PrivacyDeskDbContext db, DataSubjectRequest request, DateTimeOffset now)
    {
        if (!string.IsNullOrEmpty(request.StatusTokenHash))
            db.Set<ReplacedStatusLink>().Add(new ReplacedStatusLink { RequestId = request.Id, TokenHash = request.StatusTokenHash, ReplacedAt = now });
    }

    public static async Task<bool> WasReplacedAsync(PrivacyDeskDbContext db, string? reference, string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
            return false;
        var r = SecretLinks.CleanReference(reference);
        var hash = Tokens.Hash(token);
        return await db.Set<ReplacedStatusLink>().AsNoTracking()
            .AnyAsync(x => x.TokenHash == hash && db.Requests.Any(q => q.Id == x.RequestId && q.Reference == r), ct);
    }
}

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
