namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// The confirmation after the form, found by the form's own random submission key (no personal data in the
/// URL): the reference, the due date and the rights asked for, for a day.
/// </summary>
public static class GetSubmission
{
    [Public]
    public sealed record Query : IRequest<Result?>
    {
        public string? Key { get; init; }
    }

    public sealed record Result(string Reference, DateOnly ReceivedOn, DateOnly DueOn, IReadOnlyList<RequestType> Types);

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!Guid.TryParse(query.Key, out var key))
                return null;
            var since = clock.GetUtcNow().AddDays(-1);
            var keyText = key.ToString();
            var row = await db.Requests.AsNoTracking()
                .Where(r => r.SubmissionKey == keyText && r.RegisteredAt >= since)
                .Select(r => new { r.Reference, r.ReceivedOn, r.DueOn, r.ExtendedDueOn, Types = r.SubRequests.Select(s => s.Type).ToList() })
                .FirstOrDefaultAsync(cancellationToken);
            return row is null ? null : new Result(row.Reference, row.ReceivedOn, row.ExtendedDueOn ?? row.DueOn, row.Types.OrderBy(t => t).ToList());
        }
    }
}
