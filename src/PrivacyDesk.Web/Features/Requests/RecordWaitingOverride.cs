namespace PrivacyDesk.Web.Features.Requests;

/// <summary>
/// CLK-2(2): a request for information sent more than INFO_REQUEST_MAX_DELAY_WORKING_DAYS after receipt does not
/// stop the clock unless the DPO records an override with reasons. The override is audited and the deadlines
/// are recomputed at once (audited too when they move).
/// </summary>
public static class RecordWaitingOverride
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Result>
    {
        public Guid RequestId { get; init; }
        public Guid WaitingPeriodId { get; init; }
        public string Reason { get; init; } = "";
    }

    public sealed record Result(DateOnly DueOn, DateOnly MaxExtendedDueOn, bool DueIsProvisional, bool DeadlinesChanged);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.WaitingPeriodId).NotEmpty();
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, DeadlineService deadlines, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.Requests.Include(r => r.WaitingPeriods)
                .FirstOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken)
                ?? throw new NotFoundException("Request");
            request.OverrideLateInformationRequest(command.WaitingPeriodId, command.Reason, clock.GetUtcNow(), user.Actor);
            var changed = deadlines.Recompute(request, user.Actor, "late information request counted by DPO override, CLK-2(2)");
            return new Result(request.DueOn, request.MaxExtendedDueOn, request.DueIsProvisional, changed);
        }
    }
}
