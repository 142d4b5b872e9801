using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.IntegrationTests.Data;

/// <summary>Each test migrates its own fresh database on the shared test server.</summary>
[Collection(AppCollection.Name)]
public sealed class MigratorTests(AppFixture app)
{
    [Fact]
    public async Task Should_apply_every_script_to_an_empty_database_and_do_nothing_the_second_time()
    {
        await using var dataSource = await FreshDatabaseAsync();
        var migrator = new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(DatabaseMigrator.Scripts.Count, first);
        Assert.Equal(0, second);
        Assert.Empty(await migrator.PendingAsync());
        Assert.Equal(DatabaseMigrator.Scripts.Count, await CountAsync(dataSource, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task Should_leave_one_correct_schema_when_two_migrators_start_at_once()
    {
        await using var dataSource = await FreshDatabaseAsync();
        var a = new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance);
        var b = new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance);

        var results = await Task.WhenAll(Task.Run(() => a.MigrateAsync()), Task.Run(() => b.MigrateAsync()));

        Assert.Equal(DatabaseMigrator.Scripts.Count, results.Sum());
        Assert.Contains(0, results);
        Assert.Equal(DatabaseMigrator.Scripts.Count, await CountAsync(dataSource, "SELECT count(*) FROM schema_version"));
        Assert.True(await CountAsync(dataSource, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'") > 40);
    }

    [Fact]
    public async Task Should_report_pending_scripts_on_an_empty_database()
    {
        await using var dataSource = await FreshDatabaseAsync();
        var migrator = new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance);

        Assert.Equal(DatabaseMigrator.Scripts.Count, (await migrator.PendingAsync()).Count);
    }

    [Fact]
    public async Task Should_refuse_to_start_naming_the_script_when_an_applied_script_changed()
    {
        await using var dataSource = await FreshDatabaseAsync();
        var migrator = new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance);
        await migrator.MigrateAsync();
        var script = DatabaseMigrator.Scripts[1];
        await using (var tamper = dataSource.CreateCommand("UPDATE schema_version SET checksum = 'EDITED' WHERE version = $1"))
        {
            tamper.Parameters.AddWithValue(script.Version);
            await tamper.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync());

        Assert.Contains(script.Name + ".sql", ex.Message, StringComparison.Ordinal);
        // The lock was released: a second attempt fails the same way instead of hanging.
        await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync());
    }

    private async Task<NpgsqlDataSource> FreshDatabaseAsync()
    {
        var name = "migrate_" + Guid.NewGuid().ToString("N")[..10];
        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = name }.ConnectionString);
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
