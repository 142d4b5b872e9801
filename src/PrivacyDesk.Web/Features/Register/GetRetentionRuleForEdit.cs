using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.Register;

/// <summary>A retention rule as its edit form holds it (the period is split into number and unit by the page).</summary>
public static class GetRetentionRuleForEdit
{
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
