using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Web;

namespace PrivacyDesk.Web.Pages.Dpo.Register;

/// <summary>The Art. 30 register: purposes, retention rules, recipients; policy-pack upload; CSV export.</summary>
public sealed class Index(IMediator mediator, ControllerProfileCache profiles) : StaffPageModel
{
    public const long MaxPackBytes = 2 * 1024 * 1024;

    public Result Data { get; private set; } = new([], []);

    public IReadOnlyList<string> PackErrors { get; private set; } = [];

    public string? Imported { get; private set; }

    public async Task OnGetAsync() => await ReloadAsync();

    protected override async Task ReloadAsync() => Data = await mediator.Send(new Query());

    public async Task<IActionResult> OnGetExportAsync(Art30Format format = Art30Format.Csv)
    {
        var csv = await mediator.Send(new ExportArt30.Query { Language = UiLanguage, Format = format });
        return File(csv, "text/csv; charset=utf-8", format == Art30Format.ExcelBelgium ? "art30-register-excel.csv" : "art30-register.csv");
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? pack)
    {
        if (pack is null || pack.Length == 0 || pack.Length > MaxPackBytes)
        {
            PackErrors = ["Choose a policy pack (.json, at most 2 MB)."];
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

    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<Result>;

    public sealed record PurposeRow(Guid Id, string Code, string NameNl, string NameFr, string NameEn, LegalBasis LegalBasis,
        IReadOnlyList<RecordSet> RecordSets, bool Portable, IReadOnlyList<RuleRow> Rules, IReadOnlyList<string> RecipientCodes);

    public sealed record RuleRow(Guid Id, string Code, RetentionAnchor Anchor, string Period, string? CapPeriod, ExpiryAction OnExpiry, string Citation);

    public sealed record RecipientRow(Guid Id, string Code, string Name, RecipientKind Kind, string Country, string? TransferSafeguard);

    public sealed record Result(IReadOnlyList<PurposeRow> Purposes, IReadOnlyList<RecipientRow> Recipients);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var purposes = await db.Purposes.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Code)
                .Select(p => new PurposeRow(p.Id, p.Code, p.NameNl, p.NameFr, p.NameEn, p.LegalBasis, p.RecordSets, p.Portable,
                    p.RetentionRules.OrderBy(r => r.Code).Select(r => new RuleRow(r.Id, r.Code, r.Anchor, r.Period, r.CapPeriod, r.OnExpiry, r.Citation)).ToList(),
                    p.Recipients.OrderBy(r => r.Code).Select(r => r.Code).ToList()))
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            var recipients = await db.Recipients.AsNoTracking().OrderBy(r => r.Code)
                .Select(r => new RecipientRow(r.Id, r.Code, r.Name, r.Kind, r.Country, r.TransferSafeguard)).ToListAsync(cancellationToken);
            return new Result(purposes, recipients);
        }
    }
}
