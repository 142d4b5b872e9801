using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.LegalHolds;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Pages.Dpo.LegalHolds;

/// <summary>Place a hold (LH-2, LH-5): candidate search, scope, reason, reference, end condition, review date.</summary>
public sealed class Place(IMediator mediator, RulesConfiguration rules, TimeProvider clock) : StaffPageModel
{
    [BindProperty]
    public PlaceLegalHold.Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    public GetPlaceLegalHoldOptions.Options View { get; private set; } = new([], []);

    public DateOnly MaxReviewOn => clock.Today().AddMonths(rules.LegalHoldMaxReviewInterval.TotalMonths);

    public async Task OnGetAsync()
    {
        Data = Data with { ReviewOn = MaxReviewOn };
        await ReloadAsync();
    }

    protected override async Task ReloadAsync() => View = await mediator.Send(new GetPlaceLegalHoldOptions.Query { Search = Search, CandidateId = Data.CandidateId });

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await mediator.Send(Data);
        return RedirectToPage("Details", new { id });
    }
}
