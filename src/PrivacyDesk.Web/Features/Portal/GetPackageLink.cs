using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>What the secret download link gives (ACC-5): the page says what it is and until when it works.</summary>
public static class GetPackageLink
{
    [Public]
    public sealed record Query : IRequest<Info?>
    {
        public string? Token { get; init; }
    }

    public sealed record Info(string Reference, PackageKind Kind, DateOnly SnapshotOn, DateTimeOffset ExpiresAt, int DownloadCount, long Size, bool Expired);

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Query, Info?>
    {
        public async Task<Info?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(query.Token) || query.Token.Length > 100)
                return null;
            var hash = Tokens.Hash(query.Token);
            var now = clock.GetUtcNow();
            return await db.Packages.AsNoTracking()
                .Where(p => p.DownloadTokenHash == hash)
                .Join(db.Requests, p => p.RequestId, r => r.Id, (p, r) => new Info(r.Reference, p.Kind, p.SnapshotOn, p.ExpiresAt, p.DownloadCount, p.Content.Length, p.ExpiresAt <= now))
                .FirstOrDefaultAsync(cancellationToken);
        }
    }
}
