namespace PrivacyDesk.Web.Features.Api;

public static class GetLegalHold
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<LegalHoldView>
    {
        public Guid HoldId { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, LegalHoldView>
    {
        public async Task<LegalHoldView> Handle(Query query, CancellationToken cancellationToken) =>
            LegalHoldView.From(await db.LegalHolds.AsNoTracking().FirstOrDefaultAsync(h => h.Id == query.HoldId, cancellationToken)
                ?? throw new NotFoundException("Legal hold"));
    }
}
