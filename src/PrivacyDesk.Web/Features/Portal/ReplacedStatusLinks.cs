namespace PrivacyDesk.Web.Features.Portal;

/// <summary>Remembers replaced status links and recognises them when they are opened again.</summary>
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
