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
