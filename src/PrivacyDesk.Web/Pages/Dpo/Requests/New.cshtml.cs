using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Pages.Dpo.Requests;

/// <summary>Register a request received by post, e-mail, phone or in person with its real receipt date (DL-4).</summary>
public sealed class New(IMediator mediator, TimeProvider clock) : StaffPageModel
{
    [BindProperty]
    public RegisterRequest.Command Data { get; set; } = new();

    public DateOnly Today => clock.Today();

    // Staff register what came by post, e-mail, phone or in person; the API channel is for other systems.
    public void OnGet() => Data = Data with { Channel = Channel.Post, ReceivedOn = Today };

    public async Task<IActionResult> OnPostAsync()
    {
        var created = await mediator.Send(Data);
        return RedirectToPage("Details", new { id = created.Id });
    }
}
