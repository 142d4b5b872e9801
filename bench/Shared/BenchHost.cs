using MediatR;
using Npgsql;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.DemoData;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Infrastructure;
using PrivacyDesk.Web.Infrastructure.Database;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.Bench;

/// <summary>
/// The application's services (no HTTP, no background services) against a bench database, for the benchmarks that
/// drive the app's own code (bench/Sweep, bench/Packages): migrated, with the ASAP policy pack imported.
/// The database: the environment variable given names an existing, empty database (bench/run.sh passes one on
/// its durable cluster); without it a throwaway cluster of the test kind (fsync=off) is started and stopped.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LocalPostgresCluster? _cluster;
    private readonly string _root;

    private BenchHost(WebApplication app, LocalPostgresCluster? cluster, string root)
    {
        _app = app;
        _cluster = cluster;
        _root = root;
    }

    public IServiceProvider Services => _app.Services;

    public NpgsqlDataSource DataSource => _app.Services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<BenchHost> StartAsync(string connectionVariable)
    {
        var root = Path.Combine(Path.GetTempPath(), "privacydesk-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var external = Environment.GetEnvironmentVariable(connectionVariable);
        var cluster = string.IsNullOrEmpty(external) ? await LocalPostgresCluster.StartAsync(Path.Combine(root, "pg"), "bench", throwaway: true) : null;
        WebApplication? app = null;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", Args = [] });
            builder.Configuration["ConnectionStrings:PrivacyDesk"] = cluster?.ConnectionString("bench") ?? external;
            builder.Configuration["BackgroundServices:Enabled"] = "false";
            builder.Configuration["DataProtection:KeysPath"] = Path.Combine(root, "keys");
            builder.Logging.ClearProviders();
            builder.Services.AddPrivacyDesk(builder.Configuration, builder.Environment);
            app = builder.Build();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("bench", Roles.Admin);
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ImportPolicyPack.Command { Json = PolicyPacks.Read("asap") });
            }

            return new BenchHost(app, cluster, root);
        }
        catch
        {
            if (app is not null)
                await app.DisposeAsync();
            await StopAsync(cluster, root);
            throw;
        }
    }

    /// <summary>A DI scope as a web request gets one, acting as a system principal with the given roles.</summary>
    public AsyncServiceScope Scope(string actor, params string[] roles)
    {
        var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem(actor, roles);
        return scope;
    }

    /// <summary>Runs SQL statements separated by ";\n", one after the other on one connection, without a timeout.</summary>
    public async Task ExecAsync(string sql)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var cmd = new NpgsqlCommand(statement.TrimEnd(';'), conn) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync();
        }
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await StopAsync(_cluster, _root);
    }

    private static async Task StopAsync(LocalPostgresCluster? cluster, string root)
    {
        NpgsqlConnection.ClearAllPools();
        if (cluster is not null)
            await cluster.StopAsync();
        try { Directory.Delete(root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
