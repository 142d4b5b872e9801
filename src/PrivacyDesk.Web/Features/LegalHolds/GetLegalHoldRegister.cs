using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.LegalHolds;

/// <summary>Active or lifted legal holds, with the open requests of each held person; the page flags reviews past their date (LH-6).</summary>
public static class GetLegalHoldRegister
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<Result>
    {
        public bool Lifted { get; init; }
    }

    public sealed record Row(Guid Id, long Number, string CandidateName, LegalHoldReason Reason, string ExternalReference, bool AllPurposes,
        IReadOnlyList<string> PurposeCodes, DateTimeOffset PlacedAt, string PlacedBy, DateOnly ReviewOn, DateTimeOffset? LiftedAt, int OpenRequests);

    public sealed record Result(IReadOnlyList<Row> Rows, DateOnly Today);

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // The holds restrict their candidates' profiles (LH-3): the register of holds still names them.
            var holds = db.LegalHolds.IgnoreQueryFilters().AsNoTracking().Where(h => query.Lifted ? h.LiftedAt != null : h.LiftedAt == null);
            holds = query.Lifted ? holds.OrderByDescending(h => h.LiftedAt) : holds.OrderBy(h => h.ReviewOn).ThenBy(h => h.Number);
            var rows = await holds.Take(500)
                .Select(h => new Row(h.Id, h.Number,
                    db.Candidates.Where(c => c.Id == h.CandidateId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefault() ?? "—",
                    h.Reason, h.ExternalReference, h.AllPurposes, h.PurposeCodes, h.PlacedAt, h.PlacedBy, h.ReviewOn, h.LiftedAt,
                    db.Requests.Count(r => r.CandidateId == h.CandidateId && r.Status != Domain.Requests.RequestStatus.Closed
                        && r.Status != Domain.Requests.RequestStatus.Withdrawn && r.Status != Domain.Requests.RequestStatus.Abandoned)))
                .ToListAsync(cancellationToken);
            return new Result(rows, clock.Today());
        }
    }
}
