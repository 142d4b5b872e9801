using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Register;

/// <summary>The Art. 30 register as the DPO reads it: purposes with their retention rules and recipients, and the recipients.</summary>
public static class GetProcessingRegister
{
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
