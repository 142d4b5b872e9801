using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Pages.Dpo.Register;

public sealed class Purpose(IMediator mediator) : StaffPageModel
{
    [BindProperty]
    public SavePurpose.Command Data { get; set; } = new();

    public IReadOnlyList<string> RecipientCodes { get; private set; } = [];

    public async Task OnGetAsync(Guid? id)
    {
        if (id is not null)
            Data = await mediator.Send(new GetPurposeForEdit.Query { Id = id.Value });
        await ReloadAsync();
    }

    protected override async Task ReloadAsync() => RecipientCodes = await mediator.Send(new ListRecipientCodes.Query());

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data);
        return RedirectToPage("Index");
    }
}
