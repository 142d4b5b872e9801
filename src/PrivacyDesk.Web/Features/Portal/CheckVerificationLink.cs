namespace PrivacyDesk.Web.Features.Portal;

/// <summary>What the e-mail verification link (ID-4 step 2) can still do: confirm, offer a new link, or nothing.</summary>
public static class CheckVerificationLink
{
    public enum LinkState
    {
        Invalid,
        Valid,
        Expired,
        Confirmed,
    }

    [Public]
    public sealed record Query : IRequest<LinkState>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Query, LinkState>
    {
        public async Task<LinkState> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await SecretLinks.ByVerificationTokenAsync(db.Requests.AsNoTracking(), query.Reference, query.Token, cancellationToken);
            if (request is null || !request.IsOpen)
                return LinkState.Invalid;
            return request.VerificationExpiresAt is { } exp && clock.GetUtcNow() > exp ? LinkState.Expired : LinkState.Valid;
        }
    }
}
