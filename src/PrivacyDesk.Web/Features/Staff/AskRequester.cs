using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// Ask the requester for identity proof or clarification (CLK-2, ID-1): the reason and whether the question is
/// necessary (CLK-2(1)) recorded, e-mail sent, clock recomputed with an audit entry (§1.9). A fee is asked with
/// <see cref="Requests.ChargeFee"/> (FEE-7, FEE-8).
/// </summary>
public static class AskRequester
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public WaitingReason Reason { get; init; } = WaitingReason.Identity;

        /// <summary>Why the information is needed — the reasonable doubt (ID-1), recorded, internal.</summary>
        public string Why { get; init; } = "";

        /// <summary>What the requester reads in the e-mail.</summary>
        public string Message { get; init; } = "";

        /// <summary>
        /// CLK-2(1): the DPO states whether the question is necessary (identity: a reasonable doubt; clarification: a
        /// large quantity of data and a general request). An unnecessary question does not stop the clock.
        /// </summary>
        public bool? Necessary { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Reason).IsInEnum()
                .NotEqual(WaitingReason.Fee).WithMessage("A fee is set with its amount and basis (FEE-7, FEE-8).");
            RuleFor(c => c.Necessary).NotNull().WithMessage("State whether the question is necessary; an unnecessary one does not stop the clock (CLK-2(1)).");
            RuleFor(c => c.Why).NotEmpty().WithMessage("Record why the information is needed (ID-1).").MaximumLength(2000);
            RuleFor(c => c.Message).NotEmpty().MaximumLength(4000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, DeadlineService deadlines, WaitingMail mail)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            var now = clock.GetUtcNow();
            var today = clock.Today();
            // CLK-3: a follow-up to an insufficient reply within the CLK-2(2) limit continues the earlier wait.
            var lastReply = request.WaitingPeriods.Where(w => w.Reason == command.Reason && w.ReceivedOn is not null).Max(w => w.ReceivedOn);
            var followUp = request.Status != RequestStatus.AwaitingDataSubject && lastReply is { } reply && deadlines.IsTimelyQuestion(reply, today);
            request.AskDataSubject(command.Reason, command.Why, command.Necessary!.Value, today, now, user.Actor, followUp);
            request.AddMessage(fromDataSubject: false, internalNote: false, user.Actor, command.Message, now);
            deadlines.Recompute(request, user.Actor, $"question to the data subject ({command.Reason}), CLK-2");
            await mail.QuestionAsync(request, command.Message.Trim());
            return Unit.Value;
        }
    }
}
