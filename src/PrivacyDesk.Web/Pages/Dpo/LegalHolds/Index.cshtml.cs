using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.LegalHolds;

namespace PrivacyDesk.Web.Pages.Dpo.LegalHolds;

/// <summary>Active and lifted legal holds; reviews past their date are flagged (LH-6).</summary>
public sealed class Index(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Lifted { get; set; }

    public GetLegalHoldRegister.Result Data { get; private set; } = new([], DateOnly.MinValue);

    public async Task OnGetAsync() => Data = await mediator.Send(new GetLegalHoldRegister.Query { Lifted = Lifted });
}
