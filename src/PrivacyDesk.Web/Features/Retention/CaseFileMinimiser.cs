using PrivacyDesk.Domain.Deadlines;

namespace PrivacyDesk.Web.Features.Retention;

/// <summary>The case-file part of the retention sweep (RET-12): the requester's data in closed case files are redacted.</summary>
internal static class CaseFileMinimiser
{
    /// <summary>RET-12: closed case files are minimised after CASE_FILE_RETENTION (controller profile, default P5Y).</summary>
    public static async Task<int> MinimiseAsync(PrivacyDeskDbContext db, string? retention, DateOnly today, DateTimeOffset now, CancellationToken ct, bool countOnly = false)
    {
        var period = IsoPeriod.TryParse(retention, out var p) ? p : new IsoPeriod(5, 0, 0);
        var terminal = new[] { RequestStatus.Closed, RequestStatus.Withdrawn, RequestStatus.Abandoned };
        var closed = await db.Requests.AsNoTracking()
            .Where(r => terminal.Contains(r.Status) && r.MinimisedAt == null && r.ClosedAt != null)
            .Select(r => new { r.Id, ClosedAt = r.ClosedAt!.Value })
            .ToListAsync(ct);
        // The case file is kept through closing date + period (last day kept, as RET-6), minimised from the next day.
        var due = closed.Where(r => CalendarMath.AddPeriod(BrusselsTime.ToBrusselsDate(r.ClosedAt), period) < today).Select(r => r.Id).ToList();
        if (countOnly)
            return due.Count;
        foreach (var chunk in due.Chunk(500))
        {
            var batch = await db.Requests.Include(r => r.Messages).Where(r => chunk.Contains(r.Id)).ToListAsync(ct);
            foreach (var request in batch)
                request.Minimise(now);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return due.Count;
    }
}
