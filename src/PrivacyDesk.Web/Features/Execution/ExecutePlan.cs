namespace PrivacyDesk.Web.Features.Execution;

/// <summary>
/// Carries out an approved request (product.md §4): one transaction per step — start (snapshot of the
/// approved plan), then each sub-request in the 2.0.8 order, then the Art. 19 and final-answer tasks and
/// completion. A crash leaves the finished steps done and the failed one untouched; running it again
/// continues where it stopped, and running a finished request again changes nothing.
/// </summary>
public static class ExecutePlan
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Command : IRequest<Result>
    {
        public Guid RequestId { get; init; }
    }

    public sealed record Result(RequestStatus Status, int StepsRun, bool AlreadyDone);

    public sealed class Handler(IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var steps = await mediator.Send(new Start { RequestId = command.RequestId }, cancellationToken);
            // Nothing left to carry out (finished, or waiting only for its back-office tasks, ER-10): running again changes nothing.
            if (steps is null || steps.Count == 0)
            {
                var status = await mediator.Send(new Finish { RequestId = command.RequestId }, cancellationToken);
                return new Result(status, 0, true);
            }
            foreach (var subRequestId in steps)
                await mediator.Send(new Step { RequestId = command.RequestId, SubRequestId = subRequestId }, cancellationToken);
            var final = await mediator.Send(new Finish { RequestId = command.RequestId }, cancellationToken);
            return new Result(final, steps.Count, false);
        }
    }

    /// <summary>StartExecution and the plan snapshot; returns the sub-requests still to carry out, in order (null = nothing left to start).</summary>
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Start : ICommand<IReadOnlyList<Guid>?>
    {
        public Guid RequestId { get; init; }
    }

    public sealed class StartHandler(PrivacyDeskDbContext db, PlanSnapshots snapshots, ICurrentUser user, TimeProvider clock)
        : IRequestHandler<Start, IReadOnlyList<Guid>?>
    {
        public async Task<IReadOnlyList<Guid>?> Handle(Start command, CancellationToken cancellationToken)
        {
            var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken)
                ?? throw new NotFoundException("Request");
            if (request.Status is RequestStatus.Completed or RequestStatus.Closed)
                return null;
            request.StartExecution(clock.GetUtcNow(), user.Actor);
            await snapshots.EnsureAsync(request, store: true, cancellationToken);
            return Pending(request).Select(s => s.Id).ToList();
        }
    }

    /// <summary>
    /// Approved, not yet executed sub-requests in the 2.0.8 order: the access and portability packages
    /// first (they describe the data as received), erasure last.
    /// </summary>
    public static IEnumerable<SubRequest> Pending(DataSubjectRequest request) =>
        request.SubRequests
            .Where(s => s.Outcome is not DecisionOutcome.Refused && s.ExecutedAt is null)
            .OrderBy(s => SubRequestExecutor.Order(s.Type));

    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Step : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public Guid SubRequestId { get; init; }
    }

    public sealed class StepHandler(PrivacyDeskDbContext db, PlanSnapshots snapshots, SubRequestExecutor executor, ICurrentUser user,
        IMediator mediator, EmailReview emailReview, TimeProvider clock)
        : IRequestHandler<Step, Unit>
    {
        public async Task<Unit> Handle(Step command, CancellationToken cancellationToken)
        {
            var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken)
                ?? throw new NotFoundException("Request");
            if (request.Status != RequestStatus.InExecution)
                throw new DomainException("execution.state", $"A request that is {request.Status} is not being carried out.");
            var sub = request.SubRequests.FirstOrDefault(s => s.Id == command.SubRequestId) ?? throw new NotFoundException("Sub-request");
            if (SubRequestExecutor.IsPackage(sub.Type))
            {
                // The package (access report / portability archive) is built in this step's transaction and the
                // candidate is told it is ready; it runs before any change to the data (2.0.8).
                if (sub.ExecutedAt is null)
                {
                    // ACC-6: the access copy includes the reviewed extract of professional e-mails; until staff have
                    // reviewed them the package is held back (a task), never released with a promise instead.
                    if (sub.Type == RequestType.Access && await emailReview.HoldsBackAsync(request, cancellationToken))
                        return Unit.Value;
                    await mediator.Send(new Packages.BuildPackage.Command { RequestId = request.Id, SubRequestId = sub.Id }, cancellationToken);
                    sub.MarkExecuted(clock.GetUtcNow());
                }
                return Unit.Value;
            }
            // 2.0.8: nothing changes the data before the packages that describe them are built.
            if (request.SubRequests.Any(s => SubRequestExecutor.IsPackage(s.Type) && s.Outcome is not DecisionOutcome.Refused && s.ExecutedAt is null))
                return Unit.Value;
            var plans = await snapshots.EnsureAsync(request, store: true, cancellationToken);
            await executor.ExecuteAsync(request, sub, plans[sub.Id], user.Actor, cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>Creates the Art. 19 and final-answer tasks once, and completes the request when no task is left open.</summary>
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Finish : ICommand<RequestStatus>
    {
        public Guid RequestId { get; init; }
    }

    public sealed class FinishHandler(PrivacyDeskDbContext db, PlanSnapshots snapshots, ArticleNineteenTasks tasks, ICurrentUser user, TimeProvider clock)
        : IRequestHandler<Finish, RequestStatus>
    {
        public async Task<RequestStatus> Handle(Finish command, CancellationToken cancellationToken)
        {
            var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken)
                ?? throw new NotFoundException("Request");
            if (request.Status != RequestStatus.InExecution || Pending(request).Any())
                return request.Status;
            var plans = await snapshots.EnsureAsync(request, store: true, cancellationToken);
            await tasks.CreateAsync(request, plans, cancellationToken);
            // ER-10: the request completes only when no back-office task is open; otherwise the last finished task completes it.
            var all = await CaseTasks.LoadAsync(db, request.Id, cancellationToken);
            if (CaseTasks.OpenWork(all) == 0)
                request.Complete(clock.GetUtcNow(), user.Actor, all);
            return request.Status;
        }
    }
}
