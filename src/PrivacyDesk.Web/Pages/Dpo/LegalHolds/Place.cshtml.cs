using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.Web.Pages.Dpo.LegalHolds;

/// <summary>Place a hold (LH-2, LH-5): candidate search, scope, reason, reference, end condition, review date.</summary>
public sealed class Place(IMediator mediator, RulesConfiguration rules, TimeProvider clock) : StaffPageModel
{
    [BindProperty]
    public PlaceLegalHold.Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    public Options View { get; private set; } = new([], []);

    public DateOnly MaxReviewOn => clock.Today().AddMonths(rules.LegalHoldMaxReviewInterval.TotalMonths);

    public async Task OnGetAsync()
    {
        Data = Data with { ReviewOn = MaxReviewOn };
        await ReloadAsync();
    }

    protected override async Task ReloadAsync() => View = await mediator.Send(new OptionsQuery { Search = Search, CandidateId = Data.CandidateId });

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await mediator.Send(Data);
        return RedirectToPage("Details", new { id });
    }

    [RequiresRole(Roles.Dpo)]
    public sealed record OptionsQuery : IRequest<Options>
    {
        public string? Search { get; init; }
        public Guid CandidateId { get; init; }
    }

    public sealed record CandidateOption(Guid Id, string Name, string? Email, DateOnly? DateOfBirth);

    public sealed record PurposeOption(string Code, string Name);

    public sealed record Options(IReadOnlyList<CandidateOption> Candidates, IReadOnlyList<PurposeOption> Purposes);

    public sealed class OptionsHandler(PrivacyDeskDbContext db) : IRequestHandler<OptionsQuery, Options>
    {
        public async Task<Options> Handle(OptionsQuery query, CancellationToken cancellationToken)
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
