using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Pages.Dpo.Register;

public sealed class Recipient(IMediator mediator) : StaffPageModel
{
    [BindProperty]
    public SaveRecipient.Command Data { get; set; } = new();

    public async Task OnGetAsync(Guid? id)
    {
        if (id is not null)
            Data = await mediator.Send(new GetRecipientForEdit.Query { Id = id.Value });
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data);
        return RedirectToPage("Index");
    }
}
