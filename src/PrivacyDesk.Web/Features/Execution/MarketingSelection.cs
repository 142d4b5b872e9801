namespace PrivacyDesk.Web.Features.Execution;

/// <summary>
/// Who may receive the newsletter: an active consent for a marketing purpose. Restricted candidates and
/// restricted consents fall out through the global query filter (RS-2); withdrawn consents (CW-2, OB-3) by their date.
/// </summary>
public static class MarketingSelection
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Query : IRequest<IReadOnlyList<Recipient>>
    {
        public string? PurposeCode { get; init; }
    }

    public sealed record Recipient(Guid CandidateId, string Email, string Language);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, IReadOnlyList<Recipient>>
    {
        public async Task<IReadOnlyList<Recipient>> Handle(Query query, CancellationToken cancellationToken)
        {
            var marketing = db.Purposes.Where(p => p.IsMarketing && (query.PurposeCode == null || p.Code == query.PurposeCode)).Select(p => p.Code);
            return await (
                    from consent in db.Consents
                    join candidate in db.Candidates on consent.CandidateId equals candidate.Id
                    where consent.WithdrawnAt == null && marketing.Contains(consent.PurposeCode)
                          && candidate.Email != null && candidate.AnonymisedAt == null
                    select new { candidate.Id, candidate.Email, candidate.Language })
                .Distinct()
                .AsNoTracking()
                .Select(x => new Recipient(x.Id, x.Email!, x.Language))
                .ToListAsync(cancellationToken);
        }
    }
}
