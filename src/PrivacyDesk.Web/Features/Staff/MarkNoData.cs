namespace PrivacyDesk.Web.Features.Staff;

/// <summary>The DPO found no data about the (verified) requester (EDPB-ACC Ex. 38).</summary>
public static class MarkNoData
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, StaffMail mail) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            request.MarkNoDataHeld(clock.GetUtcNow(), user.Actor);
            await mail.QueueAsync("staff-no-data", request);
            return Unit.Value;
        }
    }
}
