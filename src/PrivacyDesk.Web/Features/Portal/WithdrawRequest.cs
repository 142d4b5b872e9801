using Microsoft.Extensions.Localization;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>The candidate withdraws the request from the status page, after ticking the confirmation.</summary>
public static class WithdrawRequest
{
    [Public]
    public sealed record Command : ICommand<Unit>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
        public bool ConfirmWithdraw { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Validator> l) =>
            RuleFor(w => w.ConfirmWithdraw).Equal(true).WithMessage(_ => l["Portal.Val.ConfirmWithdraw"]);
    }

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await SecretLinks.ByStatusTokenAsync(db.Requests, command.Reference, command.Token, cancellationToken)
                ?? throw new NotFoundException("Request");
            var now = clock.GetUtcNow();
            request.Withdraw(now, "candidate"); // deletes the identity proofs too (ID-6)
            return Unit.Value;
        }
    }
}
