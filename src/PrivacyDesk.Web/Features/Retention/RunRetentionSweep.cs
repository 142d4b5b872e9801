namespace PrivacyDesk.Web.Features.Retention;

/// <summary>
/// Runs the retention sweep on demand (the API; the daily service and the sweep-retention command call the
/// service directly). Not an ICommand: the sweep manages its own transactions, chunk by chunk, under its lock.
/// </summary>
public static class RunRetentionSweep
{
    [RequiresRole(Roles.Dpo, Roles.Admin)]
    public sealed record Command : IRequest<RetentionSweep.Report>
    {
        /// <summary>Count what would go, write nothing.</summary>
        public bool DryRun { get; init; }
    }

    public sealed class Handler(RetentionSweep sweep) : IRequestHandler<Command, RetentionSweep.Report>
    {
        public Task<RetentionSweep.Report> Handle(Command command, CancellationToken cancellationToken) =>
            sweep.RunAsync(command.DryRun, cancellationToken);
    }
}
