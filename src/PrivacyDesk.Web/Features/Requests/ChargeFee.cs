using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>FEE-6..FEE-8: a fee for an excessive request, its amount and basis told before anything is charged.</summary>
public static class ChargeFee
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public decimal? Amount { get; init; }
        public string Basis { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Amount).NotNull().GreaterThan(0).LessThanOrEqualTo(10_000).PrecisionScale(10, 2, true)
                .WithMessage("Give the fee in euro, more than 0, with at most two decimals (FEE-7).");
            RuleFor(c => c.Basis).NotEmpty().WithMessage("Explain how the fee follows from the administrative cost of this request (FEE-7).")
                .MaximumLength(2000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, DeadlineService deadlines, WaitingMail mail)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            request.ChargeFee(command.Amount!.Value, command.Basis, clock.Today(), clock.GetUtcNow(), user.Actor);
            deadlines.Recompute(request, user.Actor, "waiting for a fee, CLK-1 CLOCK_FEE");
            await mail.FeeNoticeAsync(request);
            return Unit.Value;
        }
    }
}
