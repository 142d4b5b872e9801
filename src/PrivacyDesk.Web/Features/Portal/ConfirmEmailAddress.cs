namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// The button behind the verification link (ID-4 step 2): confirms the address, and when the address plus
/// the date of birth or phone matches one candidate, identity is established at once.
/// </summary>
public static class ConfirmEmailAddress
{
    /// <summary>Confirms the address; returns true when identity was established automatically (ID-4).</summary>
    [Public]
    public sealed record Command : ICommand<bool>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, IdentityMatcher matcher, TimeProvider clock) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await SecretLinks.ByVerificationTokenAsync(db.Requests.Include(r => r.WaitingPeriods), command.Reference, command.Token, cancellationToken)
                ?? throw new NotFoundException("Request");
            request.ConfirmEmail(Tokens.Hash(command.Token!), clock.GetUtcNow());
            return await matcher.TryEstablishAsync(request, cancellationToken);
        }
    }
}
