using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Portal;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// The e-mail verification link (ID-4 step 2). Opening the link shows one button; pressing it confirms the
/// address (a POST, so mail scanners that open links do not use it up), and when the address plus the
/// date of birth or phone matches one candidate, identity is established at once. An expired link offers
/// a new one.
/// </summary>
[RateLimited(RateLimitBucket.Portal)]
public sealed class Verify(IMediator mediator, IStringLocalizer<Verify> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "r")]
    public string? R { get; set; }

    [BindProperty(SupportsGet = true, Name = "t")]
    public string? T { get; set; }

    public LinkState State { get; private set; }

    public bool? Established { get; private set; }

    public bool Resent { get; private set; }

    public enum LinkState
    {
        Invalid,
        Valid,
        Expired,
        Confirmed,
    }

    public async Task<IActionResult> OnGetAsync()
    {
        State = await mediator.Send(new Query { Reference = R, Token = T });
        return Show();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        try
        {
            Established = await mediator.Send(new Confirm { Reference = R, Token = T });
            State = LinkState.Confirmed;
        }
        catch (DomainException ex) when (ex.Code is "identity.link-expired")
        {
            State = LinkState.Expired;
        }
        catch (DomainException)
        {
            State = LinkState.Invalid;
        }
        catch (NotFoundException)
        {
            State = LinkState.Invalid;
        }
        return Show();
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        try
        {
            await mediator.Send(new ResendVerification { Reference = R, VerificationToken = T });
            Resent = true;
            State = LinkState.Expired;
        }
        catch (DomainException ex) when (ex.Code == ResendVerification.TooSoon)
        {
            ModelState.AddModelError("", l["Portal.Verify.TooSoon"]);
            State = LinkState.Expired;
        }
        catch (Exception ex) when (ex is NotFoundException or DomainException)
        {
            State = LinkState.Invalid;
        }
        return Show();
    }

    private IActionResult Show()
    {
        if (State == LinkState.Invalid)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    [Public]
    public sealed record Query : IRequest<LinkState>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
    }

    public sealed class QueryHandler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Query, LinkState>
    {
        public async Task<LinkState> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await SecretLinks.ByVerificationTokenAsync(db.Requests.AsNoTracking(), query.Reference, query.Token, cancellationToken);
            if (request is null || !request.IsOpen)
                return LinkState.Invalid;
            return request.VerificationExpiresAt is { } exp && clock.GetUtcNow() > exp ? LinkState.Expired : LinkState.Valid;
        }
    }

    /// <summary>Confirms the address; returns true when identity was established automatically (ID-4).</summary>
    [Public]
    public sealed record Confirm : ICommand<bool>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
    }

    public sealed class ConfirmHandler(PrivacyDeskDbContext db, IdentityMatcher matcher, TimeProvider clock) : IRequestHandler<Confirm, bool>
    {
        public async Task<bool> Handle(Confirm command, CancellationToken cancellationToken)
        {
            var request = await SecretLinks.ByVerificationTokenAsync(db.Requests.Include(r => r.WaitingPeriods), command.Reference, command.Token, cancellationToken)
                ?? throw new NotFoundException("Request");
            request.ConfirmEmail(Tokens.Hash(command.Token!), clock.GetUtcNow());
            return await matcher.TryEstablishAsync(request, cancellationToken);
        }
    }
}

/// <summary>
/// A new e-mail verification link, asked from an expired link or from the status page. At most one per
/// two minutes per request (besides the per-IP rate limit); the old link stops working.
/// </summary>
[Public]
public sealed record ResendVerification : ICommand<Unit>
{
    public const string TooSoon = "portal.resend-too-soon";

    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(2);

    public string? Reference { get; init; }

    /// <summary>Either the (possibly expired) verification token …</summary>
    public string? VerificationToken { get; init; }

    /// <summary>… or the status-page token.</summary>
    public string? StatusToken { get; init; }

    public sealed class Handler(PrivacyDeskDbContext db, PortalMail mail, TimeProvider clock) : IRequestHandler<ResendVerification, Unit>
    {
        public async Task<Unit> Handle(ResendVerification command, CancellationToken cancellationToken)
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
