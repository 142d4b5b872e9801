using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.Web.Pages.Dpo.Register;

public sealed class Purpose(IMediator mediator) : StaffPageModel
{
    [BindProperty]
    public SavePurpose.Command Data { get; set; } = new();

    public IReadOnlyList<string> RecipientCodes { get; private set; } = [];

    public async Task OnGetAsync(Guid? id)
    {
        if (id is not null)
            Data = await mediator.Send(new Query { Id = id.Value });
        await ReloadAsync();
    }

    protected override async Task ReloadAsync() => RecipientCodes = await mediator.Send(new CodesQuery());

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data);
        return RedirectToPage("Index");
    }

    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<SavePurpose.Command>
    {
        public Guid Id { get; init; }
    }

    [RequiresRole(Roles.Dpo)]
    public sealed record CodesQuery : IRequest<IReadOnlyList<string>>;

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, SavePurpose.Command>, IRequestHandler<CodesQuery, IReadOnlyList<string>>
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

        public async Task<IReadOnlyList<string>> Handle(CodesQuery query, CancellationToken cancellationToken) =>
            await db.Recipients.AsNoTracking().OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(cancellationToken);
    }
}
