using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.LegalHolds;

/// <summary>The choices of the place-a-hold form (LH-2, LH-5): the candidates the search finds, and the purposes in the staff language.</summary>
public static class GetPlaceLegalHoldOptions
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<Options>
    {
        public string? Search { get; init; }
        public Guid CandidateId { get; init; }
    }

    public sealed record CandidateOption(Guid Id, string Name, string? Email, DateOnly? DateOfBirth);

    public sealed record PurposeOption(string Code, string Name);

    public sealed record Options(IReadOnlyList<CandidateOption> Candidates, IReadOnlyList<PurposeOption> Purposes);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, Options>
    {
        public async Task<Options> Handle(Query query, CancellationToken cancellationToken)
        {
            var candidates = new List<CandidateOption>();
            if (!string.IsNullOrWhiteSpace(query.Search) || query.CandidateId != Guid.Empty)
            {
                var pattern = "%" + (query.Search ?? "").Trim().Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                // LH-3: held and restricted people must stay findable here (a further hold, use for the claim).
                candidates = await db.Candidates.IgnoreQueryFilters().AsNoTracking()
                    .Where(c => c.AnonymisedAt == null)
                    .Where(c => c.Id == query.CandidateId || (query.Search != null && (EF.Functions.ILike(c.FirstName + " " + c.LastName, pattern) || EF.Functions.ILike(c.Email!, pattern))))
                    .OrderBy(c => c.LastName).Take(25)
                    .Select(c => new CandidateOption(c.Id, c.FirstName + " " + c.LastName, c.Email, c.DateOfBirth))
                    .ToListAsync(cancellationToken);
            }
            var lang = StaffPageModel.UiLanguage;
            var purposes = await db.Purposes.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Code)
                .Select(p => new { p.Code, p.NameNl, p.NameFr, p.NameEn }).ToListAsync(cancellationToken);
            return new Options(candidates, purposes.Select(p => new PurposeOption(p.Code, lang == "fr" ? p.NameFr : lang == "en" ? p.NameEn : p.NameNl)).ToList());
        }
    }
}
