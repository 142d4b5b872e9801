using PrivacyDesk.Web.Features.Admin;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Retention;

/// <summary>Runs the sweep once a day (configurable); several instances share it through the advisory lock.</summary>
public sealed partial class RetentionSweepService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<RetentionSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(configuration.GetValue("Retention:SweepIntervalMinutes", 24 * 60));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var report = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(dryRun: false, stoppingToken);
                if (report.Ran)
                    LogSwept(logger, report.Total, report.BlockedByHold, report.Elapsed.TotalSeconds);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogFailed(logger, ex.GetType().Name);
            }
            await Task.Delay(interval, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep: {Count} record(s) erased or anonymised, {Blocked} blocked by holds, in {Seconds:0.0} s")]
    private static partial void LogSwept(ILogger logger, int count, int blocked, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed: {Error}; retrying on the next run")]
    private static partial void LogFailed(ILogger logger, string error);
}

public sealed class RetentionModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddScoped<RetentionSweep>();
        if (configuration.GetValue("BackgroundServices:Enabled", true))
            services.AddHostedService<RetentionSweepService>();
    }

    public void AddCommands(AdminCommandRegistry commands) => commands.Add("sweep-retention", SweepAsync);

    /// <summary>sweep-retention [--dry-run]: prints the report (counts per rule and record set).</summary>
    public static async Task<int> SweepAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        var dryRun = args.Contains("--dry-run");
        var report = await sp.GetRequiredService<RetentionSweep>().RunAsync(dryRun, CancellationToken.None);
        if (!report.Ran)
        {
            await output.WriteLineAsync("Another instance is sweeping; nothing done.");
            return 0;
        }
        await output.WriteLineAsync($"Retention sweep {(dryRun ? "(dry run, nothing written) " : "")}for {report.Today:yyyy-MM-dd}:");
        foreach (var line in report.Lines)
            await output.WriteLineAsync($"  {line.RecordSet,-20} {line.RuleCode,-45} {line.Action,-10} {line.Count,8}");
        await output.WriteLineAsync($"  total {report.Total}; blocked by legal holds {report.BlockedByHold}; deferred by open access requests {report.FrozenByAccess}; restricted under Art. 18 kept {report.SkippedRestricted}; case files minimised {report.CaseFilesMinimised}; {report.Elapsed.TotalSeconds:0.00} s");
        return 0;
    }
}
