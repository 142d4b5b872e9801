using Microsoft.Extensions.Diagnostics.HealthChecks;

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
