using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>
/// The person answered by post, phone, e-mail or at the desk: the DPO records it on their behalf (CLK-2(3): the date
/// the complete information arrived), the wait ends, the dates are recomputed with an audit entry (§1.9, CLK-3)
/// and the person is told.
/// </summary>
public static class RecordAnswer
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }

        /// <summary>What came in and how (e.g. "copy of the identity card by post, checked at the desk").</summary>
        public string Summary { get; init; } = "";

        /// <summary>The day the answer arrived; today when empty. Never in the future, never before the question.</summary>
        public DateOnly? ReceivedOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Summary).NotEmpty().WithMessage("Record what came in and how (CLK-2(3)).").MaximumLength(4000);
            RuleFor(c => c.ReceivedOn).Must(d => d is null || d <= clock.Today()).WithMessage("The answer cannot arrive in the future.");
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, DeadlineService deadlines, WaitingMail mail)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            var now = clock.GetUtcNow();
            var receivedOn = command.ReceivedOn ?? clock.Today();
            if (request.WaitingReason == WaitingReason.Fee)
                throw new DomainException("fee.answer", "Record a payment or its refusal for a fee, not an answer.", "FEE-8");
            if (request.WaitingPeriods.Any(w => w.ReceivedOn is null && receivedOn < w.AskedOn))
                throw new DomainException("request.answer-before-question", "The answer cannot arrive before the question was sent.", "CLK-3");
            request.AddMessage(fromDataSubject: false, internalNote: true, user.Actor, $"Answer received on {receivedOn:yyyy-MM-dd}, recorded by staff: {command.Summary.Trim()}", now);
            request.ReceiveFromDataSubject(receivedOn, now, user.Actor);
            deadlines.Recompute(request, user.Actor, "answer recorded by staff on the person's behalf, the wait ends (CLK-3)");
            await mail.AnswerReceivedAsync(request, receivedOn);
            return Unit.Value;
        }
    }
}
