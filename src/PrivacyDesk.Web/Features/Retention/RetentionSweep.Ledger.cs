using Npgsql;
using NpgsqlTypes;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Retention;

/// <summary>What the sweep writes besides the erasure: ledger rows (RET-11), blocked-by-hold audit (LH-8), re-applied deferrals (LH-7).</summary>
public sealed partial class RetentionSweep
{
    private static string Truncate(string rule) => rule.Length > 80 ? rule[..80] : rule;

    /// <summary>RET-11: the ledger rows of one record set (counts per candidate, rule and action; no content), in the erasure's transaction.</summary>
    private static async Task WriteLedgerAsync(NpgsqlConnection conn, RecordSet set, IEnumerable<(Guid Candidate, string Rule, bool Anonymise, int Count)> lines,
        DateTimeOffset now, CancellationToken ct)
    {
        var ledger = lines.GroupBy(d => (d.Candidate, d.Rule, d.Anonymise))
            .Select(g => (CandidateId: g.Key.Candidate, Rule: Truncate(g.Key.Rule), Action: (g.Key.Anonymise ? LedgerAction.Anonymised : LedgerAction.Deleted).ToString(), Count: g.Sum(d => d.Count)))
            .ToList();
        if (ledger.Count == 0)
            return;
        // RET-11: counts and record types per rule and candidate; no content. Binary COPY: a sweep can write a row per person.
        await using var copy = await conn.BeginBinaryImportAsync(
            "COPY erasure_ledger (id, executed_at, candidate_id, rule_code, record_set, action, count) FROM STDIN (FORMAT BINARY)", ct);
        var setName = set.ToString();
        foreach (var line in ledger)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(Ids.New(), NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(line.CandidateId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(line.Rule, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(setName, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(line.Action, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(line.Count, NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>LH-8: every retention erasure a hold blocks goes on the audit trail, one event per candidate, hold and record set.</summary>
    private async Task WriteBlockedAuditAsync(Dictionary<(Guid Candidate, Guid Hold, RecordSet Set), int> blocked, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var ((candidate, hold, set), count) in blocked)
        {
            db.AuditEvents.Add(new AuditEvent(now, Actor, "hold.blocked-retention",
                $"Retention erasure of {count} {set} record(s) blocked by a legal hold (LH-3, LH-8).", candidateId: candidate, legalHoldId: hold));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// LH-7, ER-2: the rest of a held profile that an erasure left minimal (name, birth date, national number) goes once
    /// the hold is lifted, on the day the erasure's plan without the hold gave (the ledger's due date); the deferred
    /// entry is marked re-applied only then, or at once when that plan kept the minimal identity anyway (no date).
    /// </summary>
    private async Task ReapplyDeferredProfilesAsync(NpgsqlConnection conn, Context run, Guid[] liftedHolds, HashSet<string> profilePurposes, CancellationToken ct)
    {
        if (liftedHolds.Length == 0)
            return;
        var found = new List<(Guid Ledger, Guid Candidate, DateOnly? DueOn, bool Anonymised)>();
        await using (var select = new NpgsqlCommand("""
            SELECT l.id, l.candidate_id, l.due_on, c.anonymised_at IS NOT NULL FROM erasure_ledger l JOIN candidates c ON c.id = l.candidate_id
            WHERE l.record_set = 'CandidateProfile' AND l.action = 'DeferredByHold' AND l.reapplied_at IS NULL AND l.legal_hold_id = ANY(@holds)
              AND (l.due_on IS NULL OR l.due_on <= @today) AND c.restricted_by_request_id IS NULL
            """, conn))
        {
            select.Parameters.AddWithValue("holds", liftedHolds);
            select.Parameters.AddWithValue("today", run.Today);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                found.Add((reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2), reader.GetBoolean(3)));
        }
        // Still held through another hold on a profile purpose, or frozen by an open access request (ACC-3): later.
        var ready = found.Where(f => !run.Frozen.Contains(f.Candidate) && !(run.ActiveHolds.TryGetValue(f.Candidate, out var active)
            && active.Any(h => h.AllPurposes || h.PurposeCodes.Any(profilePurposes.Contains)))).ToList();
        if (ready.Count == 0)
            return;
        var erase = ready.Where(r => r.DueOn is not null && !r.Anonymised).Select(r => r.Candidate).Distinct().Order().ToArray();
        var table = TableOf(RecordSet.CandidateProfile);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (erase.Length > 0)
        {
            var assignments = table.AnonymiseColumns.Select(c => $"{c.Column} = {(c.Nullable ? "NULL" : c.IsString ? "''" : c.Column)}")
                .Append("anonymised_at = @now").Append("restricted = false").Append("restriction_note = NULL");
            await using var update = new NpgsqlCommand($"UPDATE {table.Table} SET {string.Join(", ", assignments)} WHERE id = ANY(@ids)", conn, tx);
            update.Parameters.AddWithValue("ids", erase);
            update.Parameters.AddWithValue("now", run.Now);
            await update.ExecuteNonQueryAsync(ct);
            await WriteLedgerAsync(conn, RecordSet.CandidateProfile, erase.Select(id => (id, ScheduledRule, true, 1)), run.Now, ct);
            var key = (ScheduledRule, RecordSet.CandidateProfile, LedgerAction.Anonymised);
            run.Report[key] = run.Report.GetValueOrDefault(key) + erase.Length;
        }
        await using (var mark = new NpgsqlCommand("UPDATE erasure_ledger SET reapplied_at = @now WHERE id = ANY(@ids)", conn, tx))
        {
            mark.Parameters.AddWithValue("now", run.Now);
            mark.Parameters.AddWithValue("ids", ready.Select(r => r.Ledger).ToArray());
            await mark.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>LH-7: erasures a lifted hold had deferred are marked re-applied once the sweep carried them out (profiles: above).</summary>
    private static async Task MarkReappliedAsync(NpgsqlConnection conn, Guid[] liftedHolds, Guid[] candidates, DateTimeOffset now, CancellationToken ct)
    {
        if (liftedHolds.Length == 0 || candidates.Length == 0)
            return;
        await using var cmd = new NpgsqlCommand(
            "UPDATE erasure_ledger SET reapplied_at = @now WHERE action = 'DeferredByHold' AND reapplied_at IS NULL AND legal_hold_id = ANY(@holds) AND candidate_id = ANY(@candidates) AND record_set <> 'CandidateProfile'", conn);
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.AddWithValue("holds", liftedHolds);
        cmd.Parameters.AddWithValue("candidates", candidates);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
