using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Plans;

namespace PrivacyDesk.Web.Features.Audit;

/// <summary>Who did what and when: the audit trail, newest first, keyset-paged on the sequence.</summary>
public static class SearchAuditLog
{
    public const int PageSize = 100;

    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<Result>
    {
        public string? Reference { get; set; }
        public string? Actor { get; set; }
        public string? Type { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public long? Before { get; set; }
    }

    public sealed record Row(long Sequence, DateTimeOffset At, string Actor, string Type, string Summary, Guid? RequestId, string? Reference, Guid? LegalHoldId);

    /// <summary>The rows, the cursor of the next page, and the purposes' names (audit lines name purposes by code).</summary>
    public sealed record Result(IReadOnlyList<Row> Rows, long? Next, IReadOnlyDictionary<string, LocalizedText> PurposeNames);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query q, CancellationToken cancellationToken)
        {
            var events = db.AuditEvents.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(q.Reference))
            {
                var reference = q.Reference.Trim().ToUpperInvariant();
                var id = await db.Requests.Where(r => r.Reference == reference).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
                events = events.Where(e => e.RequestId == id);
            }
            if (!string.IsNullOrWhiteSpace(q.Actor))
                events = events.Where(e => e.Actor == q.Actor.Trim());
            if (!string.IsNullOrWhiteSpace(q.Type))
                events = events.Where(e => e.Type.StartsWith(q.Type.Trim()));
            if (q.From is { } from)
            {
                // timestamptz parameters must be UTC: a Brussels offset makes Npgsql refuse the query.
                var start = BrusselsTime.EndOfDay(from.AddDays(-1)).ToUniversalTime();
                events = events.Where(e => e.OccurredAt > start);
            }
            if (q.To is { } to)
            {
                var end = BrusselsTime.EndOfDay(to).ToUniversalTime();
                events = events.Where(e => e.OccurredAt <= end);
            }
            if (q.Before is { } before)
                events = events.Where(e => e.Sequence < before);
            var rows = await events.OrderByDescending(e => e.Sequence).Take(PageSize + 1)
                .Select(e => new Row(e.Sequence, e.OccurredAt, e.Actor, e.Type, e.Summary, e.RequestId,
                    db.Requests.Where(r => r.Id == e.RequestId).Select(r => r.Reference).FirstOrDefault(), e.LegalHoldId))
                .ToListAsync(cancellationToken);
            var purposes = (await db.Purposes.AsNoTracking().Select(p => new { p.Code, p.NameNl, p.NameFr, p.NameEn }).ToListAsync(cancellationToken))
                .ToDictionary(p => p.Code, p => new LocalizedText(p.NameNl, p.NameFr, p.NameEn), StringComparer.Ordinal);
            return new Result(rows.Take(PageSize).ToList(), rows.Count > PageSize ? rows[PageSize - 1].Sequence : null, purposes);
        }
    }
}
