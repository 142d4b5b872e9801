using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.Plans;

namespace PrivacyDesk.Web.Pages.Dpo.Requests;

/// <summary>OB-2, ER-2: the DPO records, per purpose, compelling legitimate grounds (written out) or their absence.</summary>
public sealed class Balancing(IMediator mediator) : PageModel
{
    public GetBalancings.Result View { get; private set; } = null!;

    [BindProperty]
    public RecordBalancing.Command Data { get; set; } = new();

    public async Task OnGetAsync(Guid id) => View = await mediator.Send(new GetBalancings.Query { RequestId = id });

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        View = await mediator.Send(new GetBalancings.Query { RequestId = id });
        await mediator.Send(Data with { RequestId = id });
        TempData["flash"] = "saved";
        return Redirect($"/Dpo/Requests/Details?id={id}");
    }
}
