using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.Register;

/// <summary>A processing purpose as its edit form holds it, so the DPO changes what is there.</summary>
public static class GetPurposeForEdit
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<SavePurpose.Command>
    {
        public Guid Id { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, SavePurpose.Command>
    {
        public async Task<SavePurpose.Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var p = await db.Purposes.AsNoTracking().Include(x => x.Recipients).FirstOrDefaultAsync(x => x.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("Purpose");
            return new SavePurpose.Command
            {
                Id = p.Id, Code = p.Code, NameNl = p.NameNl, NameFr = p.NameFr, NameEn = p.NameEn,
                DescriptionNl = p.DescriptionNl, DescriptionFr = p.DescriptionFr, DescriptionEn = p.DescriptionEn,
                LegalBasis = p.LegalBasis, Article9Condition = p.Article9Condition, DataCategories = p.DataCategories, RecordSets = p.RecordSets,
                DataSubjects = p.DataSubjects, SecurityMeasures = p.SecurityMeasures,
                RecipientCodes = p.Recipients.Select(r => r.Code).ToList(), Source = p.Source, Portable = p.Portable, IsMarketing = p.IsMarketing,
            };
        }
    }
}
