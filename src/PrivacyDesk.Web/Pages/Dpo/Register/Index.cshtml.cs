using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Web;

namespace PrivacyDesk.Web.Pages.Dpo.Register;

/// <summary>The Art. 30 register: purposes, retention rules, recipients; policy-pack upload; CSV export.</summary>
public sealed class Index(IMediator mediator, ControllerProfileCache profiles, IStringLocalizer<Index> l) : StaffPageModel
{
    public const long MaxPackBytes = 2 * 1024 * 1024;

    public GetProcessingRegister.Result Data { get; private set; } = new([], []);

    public IReadOnlyList<string> PackErrors { get; private set; } = [];

    public string? Imported { get; private set; }

    public async Task OnGetAsync() => await ReloadAsync();

    protected override async Task ReloadAsync() => Data = await mediator.Send(new GetProcessingRegister.Query());

    public async Task<IActionResult> OnGetExportAsync(Art30Format format = Art30Format.Csv)
    {
        var csv = await mediator.Send(new ExportArt30.Query { Language = UiLanguage, Format = format });
        return File(csv, "text/csv; charset=utf-8", format == Art30Format.ExcelBelgium ? "art30-register-excel.csv" : "art30-register.csv");
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? pack)
    {
        if (pack is null || pack.Length == 0 || pack.Length > MaxPackBytes)
        {
            PackErrors = [l["Register.Pack.Choose", MaxPackBytes / (1024 * 1024)]];
            await ReloadAsync();
            return Page();
        }
        string json;
        using (var reader = new StreamReader(pack.OpenReadStream()))
            json = await reader.ReadToEndAsync();
        try
        {
            var result = await mediator.Send(new ImportPolicyPack.Command { Json = json });
            profiles.Invalidate();
            Imported = result.Summary;
        }
        catch (ValidationException ex)
        {
            // The pack's own JSON paths, e.g. "$.purposes[2].retentionRules[0].period: Must be an ISO 8601 period".
            PackErrors = ex.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}").ToList();
        }
        await ReloadAsync();
        return Page();
    }
}
