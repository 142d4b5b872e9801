using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.LegalHolds;

/// <summary>One hold with its history and the open requests it affects (LH-4, LH-6, LH-7).</summary>
public static class GetLegalHoldDetails
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<Result>
    {
        public Guid Id { get; init; }
    }

    public sealed record EventView(DateTimeOffset At, string Actor, string Type, string Summary);

    public sealed record RequestView(Guid Id, string Reference, string Status);

    public sealed record Result(LegalHold Hold, string CandidateName, IReadOnlyList<EventView> Events, IReadOnlyList<RequestView> OpenRequests, DateOnly Today);

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var hold = await db.LegalHolds.AsNoTracking().FirstOrDefaultAsync(h => h.Id == query.Id, cancellationToken) ?? throw new NotFoundException("Legal hold");
            // The hold restricts the profile (LH-3); its own page still names the person.
            var name = await db.Candidates.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == hold.CandidateId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefaultAsync(cancellationToken) ?? "—";
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.LegalHoldId == hold.Id).OrderBy(e => e.Sequence)
                .Select(e => new EventView(e.OccurredAt, e.Actor, e.Type, e.Summary)).ToListAsync(cancellationToken);
            var requests = await db.Requests.AsNoTracking()
                .Where(r => r.CandidateId == hold.CandidateId && r.Status != Domain.Requests.RequestStatus.Closed
                    && r.Status != Domain.Requests.RequestStatus.Withdrawn && r.Status != Domain.Requests.RequestStatus.Abandoned)
                .Select(r => new RequestView(r.Id, r.Reference, r.Status.ToString())).ToListAsync(cancellationToken);
            return new Result(hold, name, events, requests, clock.Today());
        }
    }
}
