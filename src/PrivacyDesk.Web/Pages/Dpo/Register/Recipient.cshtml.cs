using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.Web.Pages.Dpo.Register;

public sealed class Recipient(IMediator mediator) : StaffPageModel
{
    [BindProperty]
    public SaveRecipient.Command Data { get; set; } = new();

    public async Task OnGetAsync(Guid? id)
    {
        if (id is not null)
            Data = await mediator.Send(new Query { Id = id.Value });
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data);
        return RedirectToPage("Index");
    }

    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<SaveRecipient.Command>
    {
        public Guid Id { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, SaveRecipient.Command>
    {
        public async Task<SaveRecipient.Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var r = await db.Recipients.AsNoTracking().FirstOrDefaultAsync(x => x.Id == query.Id, cancellationToken) ?? throw new NotFoundException("Recipient");
            return new SaveRecipient.Command
            {
                Id = r.Id, Code = r.Code, Name = r.Name, Kind = r.Kind, Country = r.Country,
                TransferSafeguard = r.TransferSafeguard, Description = r.Description, ContactEmail = r.ContactEmail,
            };
        }
    }
}
