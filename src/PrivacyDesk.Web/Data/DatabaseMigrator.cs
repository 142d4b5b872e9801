using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace PrivacyDesk.Web.Data;

/// <summary>
/// Applies the numbered SQL scripts embedded from Data/Migrations (the EF Design package cannot
/// restore here). One transaction per script, a history table, and a session advisory lock so two
/// instances starting together cannot both migrate.
/// </summary>
public sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    private const long LockKey = 0x5052_4956_4445_534B; // "PRIVDESK"

    public sealed record Script(int Version, string Name, string Sql, string Checksum);

    public static IReadOnlyList<Script> Scripts { get; } = LoadScripts();

    public async Task<int> MigrateAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await ExecuteAsync(conn, null, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await ExecuteAsync(conn, null, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = await AppliedAsync(conn, ct);
            // An applied script that changed means the schema is not what the code expects: refuse to start
            // rather than run on it (and before applying anything newer on top).
            var changed = Scripts.Where(s => applied.TryGetValue(s.Version, out var sum) && sum != s.Checksum).ToList();
            if (changed.Count > 0)
            {
                foreach (var script in changed)
                    LogChecksumMismatch(logger, script.Version, script.Name);
                throw new InvalidOperationException(
                    $"Migration script(s) {string.Join(", ", changed.Select(s => s.Name + ".sql"))} changed after they were applied to this database; "
                    + "restore the original text and put the change in a new numbered script.");
            }
            var count = 0;
            foreach (var script in Scripts.Where(s => !applied.ContainsKey(s.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await ExecuteAsync(conn, tx, script.Sql, ct);
                await using (var insert = new NpgsqlCommand("INSERT INTO schema_version (version, name, checksum) VALUES (@v, @n, @c)", conn, tx))
                {
                    insert.Parameters.AddWithValue("v", script.Version);
                    insert.Parameters.AddWithValue("n", script.Name);
                    insert.Parameters.AddWithValue("c", script.Checksum);
                    await insert.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                LogApplied(logger, script.Version, script.Name);
                count++;
            }
            return count;
        }
        finally
        {
            await ExecuteAsync(conn, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>Scripts not yet applied; empty when the schema is current (used by /health/ready).</summary>
    public async Task<IReadOnlyList<Script>> PendingAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL", conn);
        if (await exists.ExecuteScalarAsync(ct) is not true)
            return Scripts;
        var applied = await AppliedAsync(conn, ct);
        return Scripts.Where(s => !applied.ContainsKey(s.Version)).ToList();
    }

    private static async Task<Dictionary<int, string>> AppliedAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var result = new Dictionary<int, string>();
        await using var cmd = new NpgsqlCommand("SELECT version, checksum FROM schema_version", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result[reader.GetInt32(0)] = reader.GetString(1);
        return result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static List<Script> LoadScripts()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        const string prefix = "PrivacyDesk.Web.Data.Migrations.";
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..^4];
            var digits = new string(name.TakeWhile(char.IsDigit).ToArray());
            if (digits.Length == 0)
                throw new InvalidOperationException($"Migration script {name} must start with its number.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd();
            scripts.Add(new Script(int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), name, sql,
                Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql)))));
        }
        var duplicates = scripts.GroupBy(s => s.Version).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new InvalidOperationException($"Duplicate migration numbers: {string.Join(", ", duplicates)}");
        return scripts.OrderBy(s => s.Version).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} {Name}")]
    private static partial void LogApplied(ILogger logger, int version, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Migration {Version} {Name} changed after it was applied")]
    private static partial void LogChecksumMismatch(ILogger logger, int version, string name);
}
