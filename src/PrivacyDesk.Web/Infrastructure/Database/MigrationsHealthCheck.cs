using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PrivacyDesk.Web.Infrastructure.Database;

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
