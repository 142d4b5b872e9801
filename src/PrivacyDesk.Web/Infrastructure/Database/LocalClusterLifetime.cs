using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PrivacyDesk.Web.Infrastructure.Database;

/// <summary>Stops the development cluster when the application stops.</summary>
public sealed partial class LocalClusterLifetime(LocalPostgresCluster cluster, ILogger<LocalClusterLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarted(logger, cluster.DataDirectory, cluster.Port);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => cluster.StopAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "No ConnectionStrings:PrivacyDesk configured: using the local PostgreSQL cluster in {DataDirectory} on 127.0.0.1:{Port}")]
    private static partial void LogStarted(ILogger logger, string dataDirectory, int port);
}
