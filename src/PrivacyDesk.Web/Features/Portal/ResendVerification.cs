namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// A new e-mail verification link, asked from an expired link or from the status page. At most one per
/// two minutes per request (besides the per-IP rate limit); the old link stops working.
/// </summary>
public static class ResendVerification
{
    public const string TooSoon = "portal.resend-too-soon";

    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(2);

    [Public]
    public sealed record Command : ICommand<Unit>
    {
        public string? Reference { get; init; }

        /// <summary>Either the (possibly expired) verification token …</summary>
        public string? VerificationToken { get; init; }

        /// <summary>… or the status-page token.</summary>
        public string? StatusToken { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, PortalMail mail, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = command.StatusToken is not null
                ? await SecretLinks.ByStatusTokenAsync(db.Requests, command.Reference, command.StatusToken, cancellationToken)
                : await SecretLinks.ByVerificationTokenAsync(db.Requests, command.Reference, command.VerificationToken, cancellationToken);
            if (request is null)
                throw new NotFoundException("Request");
            if (!request.IsOpen || request.IdentityStatus != IdentityStatus.NotChecked)
                throw new DomainException("portal.already-verified", "The e-mail address is already confirmed.");
            var now = clock.GetUtcNow();
            if (request.VerificationExpiresAt is { } exp && exp - PortalMail.VerificationLifetime > now - MinimumInterval)
                throw new DomainException(TooSoon, "A new link was sent moments ago.");
            var token = Tokens.New();
            var expires = now + PortalMail.VerificationLifetime;
            request.IssueVerificationToken(Tokens.Hash(token), expires, now, "candidate");
            await mail.VerificationAsync(request, token, expires, cancellationToken);
            return Unit.Value;
        }
    }
}
