namespace PrivacyDesk.Web.Features.Execution;

/// <summary>
/// Ordinary candidate search (RS-2). It relies on the global query filter: restricted candidates and
/// records are left out by construction, not by a condition written here.
/// </summary>
public static class CandidateSearch
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Query : IRequest<IReadOnlyList<Hit>>
    {
        public string Text { get; init; } = "";
    }

    public sealed record Hit(Guid Id, string Name, string? Email, int Applications);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, IReadOnlyList<Hit>>
    {
        public async Task<IReadOnlyList<Hit>> Handle(Query query, CancellationToken cancellationToken)
        {
            var text = query.Text.Trim().ToLowerInvariant();
            return await db.Candidates.AsNoTracking()
                .Where(c => c.AnonymisedAt == null)
                .Where(c => text == "" || c.LastName.ToLower().Contains(text) || c.FirstName.ToLower().Contains(text) || (c.Email != null && c.Email.ToLower().Contains(text)))
                .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).Take(200)
                .Select(c => new Hit(c.Id, c.FirstName + " " + c.LastName, c.Email, db.Applications.Count(a => a.CandidateId == c.Id)))
                .ToListAsync(cancellationToken);
        }
    }
}
