using Npgsql;
using NpgsqlTypes;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Web.Features.Admin;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Audit;

/// <summary>Seals new audit events every few seconds (respects BackgroundServices:Enabled).</summary>
public sealed partial class AuditSealerService(AuditSealer sealer, IConfiguration configuration, ILogger<AuditSealerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Audit:SealIntervalSeconds", 10));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sealer.SealAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogFailed(logger, ex.GetType().Name);
            }
            await Task.Delay(interval, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit sealing failed: {Error}; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, string error);
}

public sealed class AuditModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton<AuditSealer>();
        services.AddSingleton<AuditVerifier>();
        if (configuration.GetValue("BackgroundServices:Enabled", true))
            services.AddHostedService<AuditSealerService>();
    }

    public void AddCommands(AdminCommandRegistry commands)
    {
        commands.Add("verify-audit", VerifyAsync);
        commands.Add("seal-audit", SealAsync);
    }

    /// <summary>Seals what is pending, then recomputes the whole chain; exit code 1 names the first broken link.</summary>
    public static async Task<int> VerifyAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        await sp.GetRequiredService<AuditSealer>().SealAsync(CancellationToken.None);
        var outcome = await sp.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        await output.WriteLineAsync(outcome.Message);
        return outcome.Intact ? 0 : 1;
    }

    private static async Task<int> SealAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        var count = await sp.GetRequiredService<AuditSealer>().SealAsync(CancellationToken.None);
        await output.WriteLineAsync($"Sealed {count} audit event(s).");
        return 0;
    }
}
