using PrivacyDesk.Web.Infrastructure.Hosting;

namespace PrivacyDesk.Web.Features.Retention;

/// <summary>Runs the sweep once a day (configurable); several instances share it through the advisory lock.</summary>
public sealed partial class RetentionSweepService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<RetentionSweepService> logger)
    : PeriodicJobService(scopes, logger)
{
    protected override string JobName => "Retention sweep";

    protected override TimeSpan Interval { get; } = TimeSpan.FromMinutes(configuration.GetValue("Retention:SweepIntervalMinutes", 24 * 60));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var report = await services.GetRequiredService<RetentionSweep>().RunAsync(dryRun: false, ct);
        if (report.Ran)
            LogSwept(Logger, report.Total, report.BlockedByHold, report.Elapsed.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep: {Count} record(s) erased or anonymised, {Blocked} blocked by holds, in {Seconds:0.0} s")]
    private static partial void LogSwept(ILogger logger, int count, int blocked, double seconds);
}
