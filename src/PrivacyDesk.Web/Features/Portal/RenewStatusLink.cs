using Microsoft.Extensions.Localization;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// "Follow my request" without the e-mail at hand: reference + e-mail address. When they match, a new
/// status link goes to that address; the answer is the same either way, so it reveals nothing about which
/// references or addresses exist.
/// </summary>
public static class RenewStatusLink
{
    [Public]
    public sealed record Command : ICommand<Unit>
    {
        public string? Reference { get; set; }
        public string? Email { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Validator> l)
        {
            RuleFor(c => c.Reference).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(_ => l["Portal.Val.ReferenceRequired"])
                .Matches(@"^\s*[Pp][Dd]-\d{4}-\d{1,9}\s*$").WithMessage(_ => l["Portal.Val.Reference"]);
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(_ => l["Portal.Val.EmailRequired"])
                .Must(PortalInput.IsEmail).WithMessage(_ => l["Portal.Val.Email"]);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, PortalMail mail, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        /// <summary>At most one new status link per request per ten minutes, whoever asks.</summary>
        public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(10);

        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var reference = SecretLinks.CleanReference(command.Reference);
            var email = (command.Email ?? "").Trim().ToLowerInvariant();
            var request = await db.Requests.FirstOrDefaultAsync(r => r.Reference == reference, cancellationToken);
            if (request is null || request.MinimisedAt is not null || request.RequesterEmail.ToLowerInvariant() != email)
                return Unit.Value;
            var now = clock.GetUtcNow();
            var since = now - MinimumInterval;
            if (await db.AuditEvents.AnyAsync(e => e.RequestId == request.Id && e.Type == "request.status-link-renewed" && e.OccurredAt > since, cancellationToken))
                return Unit.Value;
            var token = Tokens.New();
            request.OfferStatusToken(Tokens.Hash(token), now, "candidate");
            await mail.StatusLinkAsync(request, token, cancellationToken);
            return Unit.Value;
        }
    }
}
