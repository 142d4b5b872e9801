using Npgsql;
using NpgsqlTypes;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Web.Features.Admin;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Audit;

/// <summary>
/// Seals the audit trail into a hash chain. Design: events are appended unsealed by every command (no
/// extra work on the hot path); a single sealer at a time (pg_try_advisory_xact_lock plus the chain head
/// row locked FOR UPDATE) chains the unsealed events in Sequence order after the current head. The head
/// row makes events that commit late (a lower Sequence than an already sealed one) safe: they are simply
/// appended after the head, and the verifier follows the PreviousHash links, not the numbering. The
/// sealer runs from a background loop every few seconds, and before every verify-audit.
/// </summary>
public sealed class AuditSealer(NpgsqlDataSource dataSource)
{
    private const long LockKey = 0x50445F4155444954; // "PD_AUDIT"

    public async Task<int> SealAsync(CancellationToken ct, int batchSize = 5000)
    {
        var total = 0;
        while (true)
        {
            var sealedNow = await SealBatchAsync(batchSize, ct);
            total += sealedNow;
            if (sealedNow < batchSize)
                return total;
        }
    }

    private async Task<int> SealBatchAsync(int batchSize, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@k)", conn, tx))
        {
            lockCmd.Parameters.AddWithValue("k", LockKey);
            if ((bool)(await lockCmd.ExecuteScalarAsync(ct))! == false)
                return 0; // another instance is sealing
        }
        await using (var init = new NpgsqlCommand("INSERT INTO audit_chain_head (id, last_hash, sealed_count) VALUES (1, NULL, 0) ON CONFLICT (id) DO NOTHING", conn, tx))
            await init.ExecuteNonQueryAsync(ct);
        string? head;
        await using (var headCmd = new NpgsqlCommand("SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE", conn, tx))
            head = await headCmd.ExecuteScalarAsync(ct) as string;

        var events = new List<AuditChain.Fields>();
        await using (var select = new NpgsqlCommand(
            "SELECT sequence, occurred_at, actor, type, summary, request_id, candidate_id, legal_hold_id FROM audit_events WHERE hash IS NULL ORDER BY sequence LIMIT @n", conn, tx))
        {
            select.Parameters.AddWithValue("n", batchSize);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                events.Add(Read(reader));
        }
        if (events.Count == 0)
            return 0;

        var sequences = new long[events.Count];
        var previous = new string?[events.Count];
        var hashes = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            sequences[i] = events[i].Sequence;
            previous[i] = head;
            head = hashes[i] = AuditChain.Hash(head, events[i]);
        }
        await using (var update = new NpgsqlCommand(
            "UPDATE audit_events a SET previous_hash = u.p, hash = u.h FROM unnest(@s, @p, @h) AS u(s, p, h) WHERE a.sequence = u.s", conn, tx))
        {
            update.Parameters.AddWithValue("s", sequences);
            update.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = previous });
            update.Parameters.AddWithValue("h", hashes);
            await update.ExecuteNonQueryAsync(ct);
        }
        await using (var move = new NpgsqlCommand("UPDATE audit_chain_head SET last_hash = @h, sealed_count = sealed_count + @n WHERE id = 1", conn, tx))
        {
            move.Parameters.AddWithValue("h", head!);
            move.Parameters.AddWithValue("n", (long)events.Count);
            await move.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return events.Count;
    }

    internal static AuditChain.Fields Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.IsDBNull(7) ? null : reader.GetGuid(7));
}

/// <summary>Recomputes the chain from the first event and names the first broken link (verify-audit).</summary>
public sealed class AuditVerifier(NpgsqlDataSource dataSource)
{
    public sealed record Outcome(bool Intact, long Checked, long? BrokenAtSequence, string Message, long Unsealed);

    public async Task<Outcome> VerifyAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var byPrevious = new Dictionary<string, (AuditChain.Fields Fields, string? Previous, string Hash)>(StringComparer.Ordinal);
        var all = new SortedDictionary<long, string>();
        long unsealed;
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM audit_events WHERE hash IS NULL", conn))
            unsealed = (long)(await count.ExecuteScalarAsync(ct))!;
        await using (var select = new NpgsqlCommand(
            "SELECT sequence, occurred_at, actor, type, summary, request_id, candidate_id, legal_hold_id, previous_hash, hash FROM audit_events WHERE hash IS NOT NULL ORDER BY sequence", conn))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var fields = AuditSealer.Read(reader);
                var previous = reader.IsDBNull(8) ? null : reader.GetString(8);
                var hash = reader.GetString(9);
                all[fields.Sequence] = hash;
                if (!byPrevious.TryAdd(previous ?? "", (fields, previous, hash)))
                    return new Outcome(false, 0, fields.Sequence, $"Broken link at sequence {fields.Sequence}: a second event claims the same predecessor (fork).", unsealed);
            }
        }
        string? head = null;
        await using (var headCmd = new NpgsqlCommand("SELECT last_hash FROM audit_chain_head WHERE id = 1", conn))
            head = await headCmd.ExecuteScalarAsync(ct) as string;

        var visited = new HashSet<long>();
        string current = "";
        string? last = null;
        while (byPrevious.TryGetValue(current, out var link))
        {
            var expected = AuditChain.Hash(link.Previous, link.Fields);
            if (!string.Equals(expected, link.Hash, StringComparison.Ordinal))
                return new Outcome(false, visited.Count, link.Fields.Sequence,
                    $"Broken link at sequence {link.Fields.Sequence}: its content does not match its hash (edited after sealing).", unsealed);
            visited.Add(link.Fields.Sequence);
            last = current = link.Hash;
        }
        if (visited.Count < all.Count)
        {
            var first = all.Keys.First(s => !visited.Contains(s));
            return new Outcome(false, visited.Count, first,
                $"Broken link at sequence {first}: it is not reachable from the start of the chain (an earlier event was deleted or changed).", unsealed);
        }
        if (!string.Equals(head, last, StringComparison.Ordinal))
            return new Outcome(false, visited.Count, all.Count == 0 ? null : all.Keys.Last(),
                "Broken chain: the recorded head does not match the last event (events were removed from the end).", unsealed);
        return new Outcome(true, visited.Count, null, $"Audit trail intact: {visited.Count} sealed event(s), {unsealed} awaiting sealing.", unsealed);
    }
}

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
