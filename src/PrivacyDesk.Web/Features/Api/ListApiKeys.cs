namespace PrivacyDesk.Web.Features.Api;

public static class ListApiKeys
{
    [RequiresRole(Roles.Admin)]
    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string Name, string Prefix, string Role, DateTimeOffset CreatedAt, string CreatedBy,
        DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.ApiKeys.AsNoTracking()
                .OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name)
                .Select(k => new Item(k.Id, k.Name, k.Prefix, k.Role, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt))
                .ToListAsync(cancellationToken);
    }
}
