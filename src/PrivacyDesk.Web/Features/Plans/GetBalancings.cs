using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Plans;

/// <summary>The purposes a DPO can balance on a request, with what is recorded so far (the case page's balancing panel).</summary>
public static class GetBalancings
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<Result>
    {
        public Guid RequestId { get; init; }
    }

    public sealed record Row(string PurposeCode, string PurposeName, LegalBasis Basis, bool? CompellingGrounds, string? Grounds, string? RecordedBy, DateTimeOffset? RecordedAt);

    public sealed record Result(Guid RequestId, bool Applies, bool Open, IReadOnlyList<Row> Rows);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.RequestId, cancellationToken) ?? throw new NotFoundException("Request");
            if (!RecordBalancing.Applies(request))
                return new Result(request.Id, false, false, []);
            var purposes = await db.Purposes.AsNoTracking().OrderBy(p => p.SortOrder).ToListAsync(cancellationToken);
            var recorded = await db.Set<PurposeBalancing>().AsNoTracking().Where(b => b.RequestId == request.Id).ToDictionaryAsync(b => b.PurposeCode, cancellationToken);
            var lang = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var rows = purposes.Where(RecordBalancing.Objectable).Select(p => recorded.TryGetValue(p.Code, out var b)
                    ? new Row(p.Code, p.Name(lang), p.LegalBasis, b.CompellingGrounds, b.Grounds, b.RecordedBy, b.RecordedAt)
                    : new Row(p.Code, p.Name(lang), p.LegalBasis, null, null, null, null))
                .ToList();
            return new Result(request.Id, true, RecordBalancing.Open(request), rows);
        }
    }
}
