namespace PrivacyDesk.Web.Features.Api;

/// <summary>Holds, newest first: of one candidate (active and lifted) or, without a candidate, every hold; optionally only active or lifted ones.</summary>
public static class ListLegalHolds
{
    public const int Limit = 500;

    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<IReadOnlyList<LegalHoldView>>
    {
        public Guid? CandidateId { get; init; }
        public bool? Active { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, IReadOnlyList<LegalHoldView>>
    {
        public async Task<IReadOnlyList<LegalHoldView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var holds = db.LegalHolds.AsNoTracking();
            if (query.CandidateId is { } candidate)
                holds = holds.Where(h => h.CandidateId == candidate);
            if (query.Active is { } active)
                holds = active ? holds.Where(h => h.LiftedAt == null) : holds.Where(h => h.LiftedAt != null);
            var rows = await holds.OrderByDescending(h => h.PlacedAt).ThenByDescending(h => h.Number).Take(Limit).ToListAsync(cancellationToken);
            return rows.Select(LegalHoldView.From).ToList();
        }
    }
}
