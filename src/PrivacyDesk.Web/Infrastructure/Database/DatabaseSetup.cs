using Microsoft.Extensions.Diagnostics.HealthChecks;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Infrastructure.Database;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "PrivacyDesk";

    /// <summary>
    /// The configured connection string, or — in Development when none is set — a local cluster made
    /// of the machine's own PostgreSQL binaries in .data/postgres (git-ignored).
    /// </summary>
    public static async Task<LocalPostgresCluster?> EnsureConnectionStringAsync(WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionStringName)))
            return null;
        if (!builder.Environment.IsDevelopment())
            throw new InvalidOperationException("ConnectionStrings:PrivacyDesk is not set. Outside Development a database must be configured.");
        var dataDir = builder.Configuration["Database:LocalDataDirectory"]
            ?? Path.Combine(builder.Environment.ContentRootPath, ".data", "postgres");
        var cluster = await LocalPostgresCluster.StartAsync(dataDir, "privacydesk", throwaway: false);
        builder.Configuration[$"ConnectionStrings:{ConnectionStringName}"] = cluster.ConnectionString("privacydesk");
        return cluster;
    }
}

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

/// <summary>/health/ready: the database answers and every migration script has been applied.</summary>
public sealed class MigrationsHealthCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await migrator.PendingAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Schema is current.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending.");
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.");
        }
    }
}
