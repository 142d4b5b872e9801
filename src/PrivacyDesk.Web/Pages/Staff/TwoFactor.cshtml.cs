using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.Staff;
using QRCoder;

namespace PrivacyDesk.Web.Pages.Staff;

/// <summary>Optional TOTP two-factor: authenticator key and QR code, verify a code, recovery codes, disable.</summary>
public sealed class TwoFactor(IMediator mediator) : StaffPageModel
{
    [BindProperty]
    public TwoFactorSetup.Enable Data { get; set; } = new();

    public TwoFactorSetup.Status Status { get; private set; } = null!;

    public string QrDataUri { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task OnGetAsync() => await ReloadAsync();

    protected override async Task ReloadAsync()
    {
        Status = await mediator.Send(new TwoFactorSetup.StatusQuery());
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Status.AuthenticatorUri, QRCodeGenerator.ECCLevel.Q);
        QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        RecoveryCodes = await mediator.Send(Data);
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        RecoveryCodes = await mediator.Send(new TwoFactorSetup.NewRecoveryCodes());
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        await mediator.Send(new TwoFactorSetup.Disable());
        return RedirectToPage();
    }
}
