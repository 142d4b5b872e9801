namespace PrivacyDesk.Web.Features.Portal;

/// <summary>True when the reference and token match a status link that a newer one replaced ("find my request").</summary>
public static class CheckStatusLinkReplaced
{
    [Public]
    public sealed record Query : IRequest<bool>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, bool>
    {
        public Task<bool> Handle(Query query, CancellationToken cancellationToken) =>
            ReplacedStatusLinks.WasReplacedAsync(db, query.Reference, query.Token, cancellationToken);
    }
}
