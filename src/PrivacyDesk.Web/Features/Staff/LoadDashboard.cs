namespace PrivacyDesk.Web.Features.Staff;

/// <summary>The DPO dashboard's figures: open requests by status and type, due this week, overdue, extended share (EXT-6), median days to close, volume per month, overdue hold reviews.</summary>
public static class LoadDashboard
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<Result>;

    public sealed record Count(string Key, int Value);

    public sealed record Median(string Type, double Days, int Closed);

    public sealed record HoldReview(Guid Id, long Number, DateOnly ReviewOn);

    public sealed record Result(int Open, int DueThisWeek, int Overdue, int Extended, int ReceivedLast12Months, int ExtendedLast12Months,
        IReadOnlyList<Count> ByStatus, IReadOnlyList<Count> ByType, IReadOnlyList<Median> MedianDaysToClose, IReadOnlyList<Count> PerMonth,
        IReadOnlyList<HoldReview> OverdueHoldReviews)
    {
        public double ExtendedShare => ReceivedLast12Months == 0 ? 0 : 100.0 * ExtendedLast12Months / ReceivedLast12Months;
    }

    private sealed record MedianRow(string Type, double Days, int Closed);

    private sealed record MonthRow(DateTime Month, int Count);

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = clock.Today();
            var weekEnd = today.AddDays(7);
            var since = today.AddMonths(-12);
            var open = db.Requests.AsNoTracking().Where(r => r.Status != RequestStatus.Closed && r.Status != RequestStatus.Withdrawn && r.Status != RequestStatus.Abandoned);

            var byStatus = await open.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var byType = await db.SubRequests.AsNoTracking()
                .Where(s => open.Any(r => r.Id == s.RequestId))
                .GroupBy(s => s.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var dueThisWeek = await open.CountAsync(r => (r.ExtendedDueOn ?? r.DueOn) >= today && (r.ExtendedDueOn ?? r.DueOn) <= weekEnd, cancellationToken);
            var overdue = await open.CountAsync(r => (r.ExtendedDueOn ?? r.DueOn) < today, cancellationToken);
            var extended = await open.CountAsync(r => r.ExtendedDueOn != null, cancellationToken);
            var received12 = await db.Requests.CountAsync(r => r.ReceivedOn >= since, cancellationToken);
            var extended12 = await db.Requests.CountAsync(r => r.ReceivedOn >= since && r.ExtendedDueOn != null, cancellationToken);

            var sinceInstant = new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var medians = await db.Database.SqlQuery<MedianRow>($"""
                SELECT s.type AS "Type",
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY (r.closed_at AT TIME ZONE 'Europe/Brussels')::date - r.received_on)::float8 AS "Days",
                       count(*)::int AS "Closed"
                FROM requests r JOIN sub_requests s ON s.request_id = r.id
                WHERE r.closed_at IS NOT NULL AND r.closed_at >= {sinceInstant}
                GROUP BY s.type ORDER BY s.type
                """).ToListAsync(cancellationToken);
            var sinceMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
            var perMonth = await db.Database.SqlQuery<MonthRow>($"""
                SELECT date_trunc('month', received_on)::timestamp AS "Month", count(*)::int AS "Count"
                FROM requests WHERE received_on >= {sinceMonth}
                GROUP BY 1 ORDER BY 1
                """).ToListAsync(cancellationToken);
            var months = Enumerable.Range(0, 12).Select(i => sinceMonth.AddMonths(i))
                .Select(m => new Count(m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                    perMonth.FirstOrDefault(p => p.Month.Year == m.Year && p.Month.Month == m.Month)?.Count ?? 0))
                .ToList();
            var holdReviews = await db.LegalHolds.AsNoTracking().Where(h => h.LiftedAt == null && h.ReviewOn <= today)
                .OrderBy(h => h.ReviewOn).Select(h => new HoldReview(h.Id, h.Number, h.ReviewOn)).ToListAsync(cancellationToken);

            return new Result(byStatus.Sum(s => s.Count), dueThisWeek, overdue, extended, received12, extended12,
                byStatus.OrderBy(s => s.Key).Select(s => new Count(s.Key.ToString(), s.Count)).ToList(),
                byType.OrderBy(s => s.Key).Select(s => new Count(s.Key.ToString(), s.Count)).ToList(),
                medians.Select(m => new Median(m.Type, m.Days, m.Closed)).ToList(), months, holdReviews);
        }
    }
}
