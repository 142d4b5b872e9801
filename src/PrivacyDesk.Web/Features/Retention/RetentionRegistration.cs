using PrivacyDesk.Web.Features.Admin;

namespace PrivacyDesk.Web.Features.Retention;

/// <summary>The retention area: the sweep, its daily background run and the <c>sweep-retention</c> command.</summary>
public static class RetentionRegistration
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<RetentionSweep>();
        if (configuration.GetValue("BackgroundServices:Enabled", true))
            services.AddHostedService<RetentionSweepService>();
        return services;
    }

    public static AdminCommandRegistry AddRetentionCommands(this AdminCommandRegistry commands)
    {
        commands.Add("sweep-retention", SweepAsync);
        return commands;
    }

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
