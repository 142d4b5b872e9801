using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Pages.Dpo.Register;

public sealed class Rule(IMediator mediator) : StaffPageModel
{
    [BindProperty]
    public SaveRetentionRule.Command Data { get; set; } = new();

    /// <summary>The period as a number and a unit (Y, M or D, RET-4); the ISO form is derived from it.</summary>
    [BindProperty]
    public int? PeriodNumber { get; set; }

    [BindProperty]
    public string PeriodUnit { get; set; } = "Y";

    [BindProperty]
    public int? CapNumber { get; set; }

    [BindProperty]
    public string CapUnit { get; set; } = "Y";

    public static readonly IReadOnlyList<string> Units = ["Y", "M", "D"];

    public async Task OnGetAsync(Guid? id, Guid? purposeId)
    {
        if (id is not null)
            Data = await mediator.Send(new GetRetentionRuleForEdit.Query { Id = id.Value });
        else if (purposeId is not null)
            Data = Data with { PurposeId = purposeId.Value, Period = "P1Y" };
        (PeriodNumber, PeriodUnit) = Split(Data.Period);
        (CapNumber, CapUnit) = Split(Data.CapPeriod);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A number with a unit wins over the ISO text; a period with several units (P2Y6M) stays in the ISO field.
        if (PeriodNumber is { } n && Units.Contains(PeriodUnit))
            Data = Data with { Period = FormattableString.Invariant($"P{n}{PeriodUnit}") };
        if (CapNumber is { } c && Units.Contains(CapUnit))
            Data = Data with { CapPeriod = FormattableString.Invariant($"P{c}{CapUnit}") };
        await mediator.Send(Data);
        return RedirectToPage("Index");
    }

    private static (int?, string) Split(string? iso) =>
        StaffFormat.PeriodParts(iso) is [var only] && Units.Contains(only.Unit) ? (only.Number, only.Unit) : (null, "Y");
}
