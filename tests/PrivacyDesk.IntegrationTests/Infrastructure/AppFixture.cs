using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure.Database;
using PrivacyDesk.Web.Infrastructure.Security;
using Testcontainers.PostgreSql;

namespace PrivacyDesk.IntegrationTests.Infrastructure;

/// <summary>
/// One real PostgreSQL per test run: the server named by PRIVACYDESK_TEST_DB; else <c>postgres:15</c> through
/// Testcontainers when a Docker engine is reachable; else a throwaway cluster started from the machine's binaries
/// (the same LocalPostgresCluster the app uses in Development). The choice (TestDatabaseChoice) is logged once.
/// The app runs in-process through WebApplicationFactory over that database, migrated once.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private LocalPostgresCluster? _cluster;
    private PostgreSqlContainer? _container;
    private string _tempRoot = "";

    public FakeTimeProvider Clock { get; } = TestTime.Create();

    public string ConnectionString { get; private set; } = "";

    public string MailPickupDirectory { get; private set; } = "";

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    private readonly SemaphoreSlim _browserLock = new(1, 1);
    private BrowserHost? _browser;

    /// <summary>The app on a real port with Chromium, started on first use and shared by the browser tests.</summary>
    public async Task<BrowserHost> BrowserAsync()
    {
        await _browserLock.WaitAsync();
        try
        {
            return _browser ??= await BrowserHost.StartAsync(this);
        }
        finally
        {
            _browserLock.Release();
        }
    }

    public async Task InitializeAsync()
    {
        _tempRoot = Path.Combine(Path.GetTempPath(), "privacydesk-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_tempRoot);
        var external = Environment.GetEnvironmentVariable(TestDatabaseChoice.ExternalVariable);
        var source = TestDatabaseChoice.Select(!string.IsNullOrWhiteSpace(external),
            string.IsNullOrWhiteSpace(external) && await TestDatabaseChoice.DockerReachableAsync());
        Console.Error.WriteLine(TestDatabaseChoice.Describe(source)); // once per run: one fixture per test run
        if (source == TestDatabaseSource.External)
        {
            ConnectionString = external!;
        }
        else if (source == TestDatabaseSource.Container)
        {
            _container = new PostgreSqlBuilder("postgres:15").WithDatabase("privacydesk_test").Build();
            await _container.StartAsync();
            ConnectionString = _container.GetConnectionString();
        }
        else
        {
            _cluster = await LocalPostgresCluster.StartAsync(Path.Combine(_tempRoot, "pg"), "privacydesk_test", throwaway: true);
            ConnectionString = _cluster.ConnectionString("privacydesk_test");
        }

        MailPickupDirectory = Path.Combine(_tempRoot, "mail");
        Directory.CreateDirectory(MailPickupDirectory);
        // Environment variables reach Program.cs before builder.Build(), unlike factory configuration callbacks.
        Environment.SetEnvironmentVariable("ConnectionStrings__PrivacyDesk", ConnectionString);
        Environment.SetEnvironmentVariable("Database__MigrateOnStartup", "false");
        Environment.SetEnvironmentVariable("Demo__SeedOnStartup", "false");
        Environment.SetEnvironmentVariable("BackgroundServices__Enabled", "false");
        Environment.SetEnvironmentVariable("DataProtection__KeysPath", Path.Combine(_tempRoot, "keys"));
        Environment.SetEnvironmentVariable("Mail__PickupDirectory", MailPickupDirectory);
        Environment.SetEnvironmentVariable("RateLimiting__Enabled", "false");

        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                Pipeline.PipelineProbe.Register(services);
            });
        });
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        await Factory.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
            await _cluster.StopAsync();
        if (_container is not null)
            await _container.DisposeAsync();
        try
        {
            Directory.Delete(_tempRoot, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Files owned by the postgres user may resist; the OS temp cleaner takes them.
        }
    }

    /// <summary>
    /// Empties every table but the migration history and the Data Protection key ring (a host's cookies stay
    /// readable across tests), a hand-written stand-in for Respawn.
    /// </summary>
    public async Task ResetAsync()
    {
        Clock.Now = TestTime.DefaultNow;
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_version', 'data_protection_keys')", conn))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                tables.Add('"' + reader.GetString(0) + '"');
        }
        await using var truncate = new NpgsqlCommand($"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE", conn);
        await truncate.ExecuteNonQueryAsync();
        foreach (var file in Directory.EnumerateFiles(MailPickupDirectory))
            File.Delete(file);
        Factory.Services.GetRequiredService<PrivacyDesk.Web.Infrastructure.Web.ControllerProfileCache>().Invalidate();
        Factory.Services.GetRequiredService<PrivacyDesk.Web.Features.Deadlines.HolidayCalendarProvider>().Invalidate();
        Factory.Services.GetRequiredService<PrivacyDesk.Web.Infrastructure.Security.ApiKeyCache>().Clear();
    }

    /// <summary>Sends a request through the real pipeline in its own scope, acting with the given roles.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request, params string[] roles)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        user.ActAs(roles.Length == 0 ? new ClaimsPrincipal(new ClaimsIdentity()) : CurrentUser.SystemPrincipal("test-" + string.Join("-", roles).ToLowerInvariant(), roles));
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<T> WithDbAsync<T>(Func<PrivacyDeskDbContext, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>Base class: every test starts on empty tables and the default test clock.</summary>
[Collection(AppCollection.Name)]
public abstract class IntegrationTest(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;

    public virtual Task InitializeAsync() => App.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
