namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// Opening the status page with the link a Find sent makes it the request's status link and revokes the previous
/// one; until then both work, so asking for a link (which anyone knowing the reference and e-mail can do) never cuts
/// the requester off. Any other token changes nothing and tells nothing.
/// </summary>
public static class AdoptStatusLink
{
    [Public]
    public sealed record Command : ICommand<Unit>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var reference = SecretLinks.CleanReference(command.Reference);
            if (reference.Length == 0 || string.IsNullOrEmpty(command.Token))
                return Unit.Value;
            var request = await db.Requests.FirstOrDefaultAsync(r => r.Reference == reference && r.PendingStatusTokenHash != null, cancellationToken);
            if (request?.PendingStatusTokenHash is { } pending && Tokens.Matches(command.Token, pending))
            {
                ReplacedStatusLinks.Remember(db, request, clock.GetUtcNow()); // the old link then says "replaced", not "not found"
                request.AdoptPendingStatusToken(clock.GetUtcNow());
            }
            return Unit.Value;
        }
    }
}
