namespace PrivacyDesk.Web.Features.Register;

/// <summary>The recipient codes a purpose can name, in code order.</summary>
public static class ListRecipientCodes
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<IReadOnlyList<string>>;

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, IReadOnlyList<string>>
    {
        public async Task<IReadOnlyList<string>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Recipients.AsNoTracking().OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(cancellationToken);
    }
}
