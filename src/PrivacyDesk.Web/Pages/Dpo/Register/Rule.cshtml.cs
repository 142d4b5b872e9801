using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Mediation;

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
            Data = await mediator.Send(new Query { Id = id.Value });
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

    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<SaveRetentionRule.Command>
    {
        public Guid Id { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, SaveRetentionRule.Command>
    {
        public async Task<SaveRetentionRule.Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var r = await db.RetentionRules.AsNoTracking().FirstOrDefaultAsync(x => x.Id == query.Id, cancellationToken) ?? throw new NotFoundException("Retention rule");
            return new SaveRetentionRule.Command
            {
                Id = r.Id, PurposeId = r.PurposeId, Code = r.Code, DataCategory = r.DataCategory, Kind = r.Kind, Anchor = r.Anchor,
                AnchorAdjust = r.AnchorAdjust, Period = r.Period, CapAnchor = r.CapAnchor, CapPeriod = r.CapPeriod, AppliesTo = r.AppliesTo,
                OnExpiry = r.OnExpiry, Citation = r.Citation, Note = r.Note,
            };
        }
    }
}
