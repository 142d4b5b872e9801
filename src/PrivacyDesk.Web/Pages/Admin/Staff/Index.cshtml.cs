using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Pages.Admin.Staff;

/// <summary>Staff accounts (role Admin): list, create with roles, change roles, lock/unlock, reset password (shown once).</summary>
public sealed class Index(IMediator mediator) : StaffPageModel
{
    [BindProperty]
    public StaffAccounts.Create Data { get; set; } = new();

    public IReadOnlyList<StaffAccounts.Account> Accounts { get; private set; } = [];

    /// <summary>A new or reset password, shown once on this response and never stored readable.</summary>
    public string? OneTimePassword { get; private set; }

    public string? OneTimeFor { get; private set; }

    public async Task OnGetAsync() => await ReloadAsync();

    protected override async Task ReloadAsync() => Accounts = await mediator.Send(new StaffAccounts.ListQuery());

    public async Task<IActionResult> OnPostAsync()
    {
        OneTimePassword = await mediator.Send(Data);
        OneTimeFor = Data.Email;
        Data = new StaffAccounts.Create();
        ModelState.Clear();
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRolesAsync(StaffAccounts.SetRoles command)
    {
        await mediator.Send(command);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLockAsync(StaffAccounts.SetLocked command)
    {
        await mediator.Send(command);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetAsync(StaffAccounts.ResetPassword command)
    {
        OneTimePassword = await mediator.Send(command);
        await ReloadAsync();
        OneTimeFor = Accounts.FirstOrDefault(a => a.Id == command.UserId)?.Email;
        return Page();
    }
}
