using Npgsql;
using NpgsqlTypes;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Web.Features.Admin;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Audit;

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
