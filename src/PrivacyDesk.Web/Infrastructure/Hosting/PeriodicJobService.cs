namespace PrivacyDesk.Web.Infrastructure.Hosting;

/// <summary>
/// The loop every periodic background job shares: run once in a fresh scope, wait the interval, again. Every
/// instance runs it; the job itself takes an advisory lock so that one instance works at a time. A database
/// error is logged (its type only: a message can quote personal data) and the job tries again on the next run,
/// instead of ending the loop and, with it, the host.
/// </summary>
public abstract partial class PeriodicJobService(IServiceScopeFactory scopes, ILogger logger) : BackgroundService
{
    /// <summary>The job's name in the log ("Retention sweep", "Waiting job").</summary>
    protected abstract string JobName { get; }

    /// <summary>Time between the end of one run and the start of the next.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One run, with the services of its own scope; logs its outcome.</summary>
    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken ct);

    protected ILogger Logger => logger;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException or DbUpdateException)
            {
                LogFailed(logger, JobName, ex.GetType().Name);
            }
            await Task.Delay(Interval, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} failed: {Error}; retrying on the next run")]
    private static partial void LogFailed(ILogger logger, string job, string error);
}
