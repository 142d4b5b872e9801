using PrivacyDesk.Web.Infrastructure.Hosting;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>Runs the waiting job once a day (configurable) on every instance; the advisory lock lets one work at a time.</summary>
public sealed partial class WaitingLifecycleService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<WaitingLifecycleService> logger)
    : PeriodicJobService(scopes, logger)
{
    protected override string JobName => "Waiting job";

    protected override TimeSpan Interval { get; } = TimeSpan.FromMinutes(configuration.GetValue("Waiting:JobIntervalMinutes", 24 * 60));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var report = await services.GetRequiredService<WaitingLifecycleJob>().RunAsync(ct);
        if (report.Ran)
            LogRan(Logger, report.Waiting, report.Reminded, report.Abandoned);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting job: {Waiting} waiting request(s), {Reminded} reminder(s), {Abandoned} abandoned")]
    private static partial void LogRan(ILogger logger, int waiting, int reminded, int abandoned);
}
