using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.Register;

/// <summary>A recipient as its edit form holds it.</summary>
public static class GetRecipientForEdit
{
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
