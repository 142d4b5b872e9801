using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.Portal;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// "Follow my request" without the e-mail at hand: reference + e-mail address. When they match, a new
/// status link goes to that address; the page always shows the same neutral message, so it reveals
/// nothing about which references or addresses exist.
/// </summary>
[RateLimited(RateLimitBucket.Portal)]
public sealed class Find(IMediator mediator) : PageModel
{
    [BindProperty]
    public RenewStatusLink.Command Data { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
        // Renders the form.
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data);
        Sent = true;
        Data = new RenewStatusLink.Command();
        return Page();
    }
}
