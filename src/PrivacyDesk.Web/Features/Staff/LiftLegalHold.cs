using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Web.Features.Retention;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// LH-4, LH-7: lifting records who, when and why (<see cref="Lift"/>, one transaction); once that has committed,
/// the retention sweep runs for the hold's candidate, so the erasures the hold deferred (ledger entries
/// "DeferredByHold", records with a scheduled erasure) and expired retention are carried out now. The staff page and
/// the API both send this command: one code path.
/// </summary>
public static partial class LiftLegalHold
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : IRequest<Result>
    {
        public Guid HoldId { get; init; }
        public string? Reason { get; init; }
    }

    /// <summary>Sweep is null when the sweep failed after the lift committed; the next scheduled sweep then does the work.</summary>
    public sealed record Result(Guid HoldId, Guid CandidateId, RetentionSweep.Report? Sweep);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.HoldId).NotEmpty();
            RuleFor(c => c.Reason).MaximumLength(2000); // a missing reason is refused by LegalHold.Lift (LH-7)
        }
    }

    public sealed partial class Handler(IMediator mediator, PrivacyDeskDbContext db, RetentionSweep sweep, ILogger<Handler> logger) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            // The sweep writes on its own connection: it must only ever see a committed lift.
            if (db.Database.CurrentTransaction is not null)
                throw new InvalidOperationException("Lifting a legal hold runs the retention sweep after its own commit; do not send it inside a transaction.");
            var candidateId = await mediator.Send(new Lift { HoldId = command.HoldId, Reason = command.Reason }, cancellationToken);
            try
            {
                var report = await sweep.RunForCandidateAsync(candidateId, dryRun: false, cancellationToken);
                return new Result(command.HoldId, candidateId, report);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or DbUpdateException)
            {
                LogSweepFailed(logger, ex.GetType().Name);
                return new Result(command.HoldId, candidateId, null);
            }
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep after lifting a legal hold failed: {Error}; the next scheduled sweep carries it out")]
        private static partial void LogSweepFailed(ILogger logger, string error);
    }

    /// <summary>The lift itself, in one transaction with its audit event; returns the candidate.</summary>
    [RequiresRole(Roles.Dpo)]
    public sealed record Lift : ICommand<Guid>
    {
        public Guid HoldId { get; init; }
        public string? Reason { get; init; }
    }

    public sealed class LiftHandler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Lift, Guid>
    {
        public async Task<Guid> Handle(Lift command, CancellationToken cancellationToken)
        {
            var hold = await db.LegalHolds.FirstOrDefaultAsync(h => h.Id == command.HoldId, cancellationToken) ?? throw new NotFoundException("Legal hold");
            var now = clock.GetUtcNow();
            hold.Lift(user.Actor, command.Reason, now);
            // LH-7: the automatic restriction of the hold is lifted, and only that one.
            var candidate = await Plans.RequestPlanner.LoadCandidateAsync(db, hold.CandidateId, cancellationToken, tracking: true);
            var released = 0;
            if (candidate is not null)
            {
                var active = await db.LegalHolds.AsNoTracking().Where(h => h.CandidateId == hold.CandidateId && h.LiftedAt == null && h.Id != hold.Id).ToListAsync(cancellationToken);
                var purposes = await db.Purposes.AsNoTracking().ToListAsync(cancellationToken);
                released = LegalHoldRestriction.Release(hold, candidate, active, purposes);
            }
            db.AuditEvents.Add(new AuditEvent(now, user.Actor, "hold.lifted",
                $"Legal hold lifted; its restriction is lifted on {released} record(s); deferred erasure and expired retention are due again (LH-7).",
                candidateId: hold.CandidateId, legalHoldId: hold.Id,
                data: System.Text.Json.JsonSerializer.Serialize(new { reason = command.Reason?.Trim(), placedBy = hold.PlacedBy })));
            return hold.CandidateId;
        }
    }
}
