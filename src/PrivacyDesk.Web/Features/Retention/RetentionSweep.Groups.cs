using Npgsql;
using NpgsqlTypes;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Retention;

namespace PrivacyDesk.Web.Features.Retention;

/// <summary>Grouped erasure: records read grouped by every fact a decision reads, decided per group, erased in one statement.</summary>
public sealed partial class RetentionSweep
{
    /// <summary>
    /// Reads the record set GROUPED by every fact a decision reads (optionally for some candidates only) and decides
    /// each group with the RetentionCalculator; returns the due groups (counted in the report), and counts those a
    /// legal hold blocks (LH-3, LH-8) or an open access request freezes (ACC-3).
    /// </summary>
    private static async Task<List<(Row Group, string Rule, bool Anonymise)>> DecideGroupsAsync(NpgsqlConnection conn, SetState s, Guid[]? candidates, CancellationToken ct)
    {
        var run = s.Run;
        var due = new List<(Row Group, string Rule, bool Anonymise)>();
        await foreach (var row in ReadGroupsAsync(conn, s.Set, s.Table, candidates, ct))
        {
            if (!run.People.TryGetValue(row.CandidateId, out var person))
                continue;
            string? rule = null;
            var anonymise = s.Table.Method == ErasureMethod.Anonymise;
            if (row.Scheduled is { } scheduled && scheduled <= run.Today)
            {
                rule = ScheduledRule;
            }
            else if (s.Entries.Count > 0 && !s.KeptForRunningContract(person))
            {
                var facts = person.Facts with
                {
                    Collected = row.Collected,
                    CaseClosed = row.CaseClosed,
                    TaxablePeriodEnd = row.Year is { } y && s.Set == RecordSet.TaxRecords ? new DateOnly(y, 12, 31) : null,
                    FinancialYearClosed = row.Year is { } fy ? new DateOnly(fy, 12, 31) : null,
                };
                (rule, anonymise) = Decide(s.Entries, facts, row, run.Consents, run.Today, run.Cache, anonymise);
            }
            if (rule is null)
                continue;

            if (s.HoldOf(row.CandidateId) is { } hold)
            {
                var key = (row.CandidateId, hold.Id, s.Set);
                run.BlockedAudit[key] = run.BlockedAudit.GetValueOrDefault(key) + row.Count;
                continue;
            }
            if (row.Restricted)
            {
                run.RestrictedCount += row.Count; // RS-2: restricted under Art. 18, stored only
                continue;
            }
            if (run.Frozen.Contains(row.CandidateId))
            {
                run.FrozenCount += row.Count;
                continue;
            }
            due.Add((row, rule, anonymise && s.CanAnonymise));
        }
        if (candidates is null)
        {
            // (The cut-off path counts its fallback groups with its own ledger lines.)
            foreach (var d in due)
            {
                var k = (d.Rule, s.Set, d.Anonymise ? LedgerAction.Anonymised : LedgerAction.Deleted);
                run.Report[k] = run.Report.GetValueOrDefault(k) + d.Group.Count;
                run.ErasedCandidates.Add(d.Group.CandidateId);
            }
        }
        return due;
    }

    /// <summary>
    /// A group of records sharing every fact a retention decision reads (for the candidate profile: one candidate).
    /// The raw consent instants are kept to find the group's records again.
    /// </summary>
    private sealed record Row(Guid CandidateId, DateOnly Collected, DateOnly? Scheduled, DateOnly? CaseClosed, int? Year,
        string? ConsentPurpose, DateTimeOffset? ConsentGivenAt, DateTimeOffset? ConsentWithdrawnAt, bool Restricted, int Count)
    {
        public DateOnly? ConsentGiven => ConsentGivenAt is { } g ? BrusselsTime.ToBrusselsDate(g) : null;

        public DateOnly? ConsentWithdrawn => ConsentWithdrawnAt is { } w ? BrusselsTime.ToBrusselsDate(w) : null;
    }

    private sealed record TableInfo(string Table, ErasureMethod Method, IReadOnlyList<(string Column, bool Nullable, bool IsString)> AnonymiseColumns);

    private TableInfo TableOf(RecordSet set)
    {
        var entity = db.Model.GetEntityTypes().First(e => e.PersonalData()?.RecordSet == set);
        var annotation = entity.PersonalData()!;
        var columns = annotation.AnonymiseFields
            .Select(f => entity.FindProperty(f))
            .OfType<Microsoft.EntityFrameworkCore.Metadata.IProperty>()
            .Select(pr => (pr.GetColumnName(), pr.IsNullable, pr.ClrType == typeof(string)))
            .ToList();
        return new TableInfo(entity.GetTableName()!, annotation.Erasure, columns);
    }

    /// <summary>The grouping columns of a record set besides candidate_id, collected_on and scheduled_erasure_on.</summary>
    private static (string? Closed, string? Year, bool Consent) ExtraKeys(RecordSet set) => set switch
    {
        RecordSet.Applications or RecordSet.ContactMessages or RecordSet.Complaints => ("closed_on", null, false),
        RecordSet.TaxRecords => (null, "tax_year", false),
        RecordSet.PayrollRecords => (null, "year", false),
        RecordSet.Consents => (null, null, true),
        _ => (null, null, false),
    };

    // Anonymised records stay; once their fields are blank they are not picked again.
    private static string NotYetAnonymised(TableInfo table, string alias) =>
        table.Method == ErasureMethod.Anonymise && table.AnonymiseColumns.Count > 0
            ? "(" + string.Join(" OR ", table.AnonymiseColumns.Select(c => c.IsString ? $"COALESCE({alias}{c.Column}, '') <> ''" : $"{alias}{c.Column} IS NOT NULL")) + ")"
            : "true";

    private static async IAsyncEnumerable<Row> ReadGroupsAsync(NpgsqlConnection conn, RecordSet set, TableInfo table, Guid[]? candidates,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string sql;
        if (set == RecordSet.CandidateProfile)
        {
            sql = "SELECT id, registered_on, NULL::date, NULL::date, NULL::int, NULL, NULL::timestamptz, NULL::timestamptz, restricted_by_request_id IS NOT NULL, 1 FROM candidates WHERE anonymised_at IS NULL";
        }
        else
        {
            var (closed, year, consent) = ExtraKeys(set);
            var extra = $"{closed ?? "NULL::date"}, {year ?? "NULL::int"}, " + (consent ? "purpose_code, given_at, withdrawn_at" : "NULL, NULL::timestamptz, NULL::timestamptz");
            var only = candidates is null ? "" : " AND candidate_id = ANY(@candidates)";
            sql = $"SELECT candidate_id, collected_on, scheduled_erasure_on, {extra}, restricted_by_request_id IS NOT NULL, count(*)::int FROM {table.Table} WHERE {NotYetAnonymised(table, "")}{only} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9";
        }
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        if (candidates is not null)
            cmd.Parameters.AddWithValue("candidates", candidates);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new Row(reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetBoolean(8),
                reader.GetInt32(9));
        }
    }

    /// <summary>The latest consent per candidate and purpose (the ConsentGiven/ConsentWithdrawn anchors of a consent purpose's other records).</summary>
    private static async Task<Dictionary<(Guid, string), (DateOnly? Given, DateOnly? Withdrawn)>> LoadLatestConsentsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var result = new Dictionary<(Guid, string), (DateOnly?, DateOnly?)>();
        await using var cmd = new NpgsqlCommand(
            "SELECT DISTINCT ON (candidate_id, purpose_code) candidate_id, purpose_code, given_at, withdrawn_at FROM consents ORDER BY candidate_id, purpose_code, given_at DESC", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[(reader.GetGuid(0), reader.GetString(1))] = (BrusselsTime.ToBrusselsDate(reader.GetFieldValue<DateTimeOffset>(2)),
                reader.IsDBNull(3) ? null : BrusselsTime.ToBrusselsDate(reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return result;
    }

    /// <summary>ACC-3: an open access sub-request freezes the candidate's retention until the answer, never beyond its due date.</summary>
    private async Task<HashSet<Guid>> FrozenByAccessAsync(DateOnly today, CancellationToken ct)
    {
        var closed = new[] { RequestStatus.Closed, RequestStatus.Withdrawn, RequestStatus.Abandoned };
        var ids = await db.Requests.AsNoTracking()
            .Where(r => r.CandidateId != null && r.FinalAnswerSentAt == null && !closed.Contains(r.Status)
                        && (r.ExtendedDueOn ?? r.DueOn) >= today
                        && r.SubRequests.Any(s => s.Type == RequestType.Access))
            .Select(r => r.CandidateId!.Value)
            .ToListAsync(ct);
        return ids.ToHashSet();
    }

    // Null stand-ins in the due-groups table, so that groups join with plain (hashable) equality.
    private static readonly DateOnly NoDate = new(1000, 1, 1);
    private static readonly DateTimeOffset NoInstant = new(1000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string NoDateSql = "DATE '1000-01-01'";
    private const string NoInstantSql = "TIMESTAMPTZ '1000-01-01 00:00:00+00'";
    private const string NoText = "\u0001";

    /// <summary>
    /// Erases the due groups of one record set inside the caller's repeatable-read transaction: the groups go to a
    /// temporary table, then ONE DELETE … USING them (a single hash-join pass over the table, as a plain DELETE)
    /// and, for anonymised record sets, one UPDATE … FROM them, checked against the group counts. The caller writes
    /// the ledger rows (RET-11) from the same counts and commits.
    /// </summary>
    private static async Task ApplyGroupsAsync(NpgsqlConnection conn, RecordSet set, TableInfo table,
        List<(Row Group, string Rule, bool Anonymise)> due, NpgsqlTransaction tx, CancellationToken ct)
    {
        await ExecuteAsync(conn, """
            CREATE TEMP TABLE pd_sweep_due (due_candidate uuid NOT NULL, due_collected date NOT NULL, due_scheduled date NOT NULL, due_closed date NOT NULL,
                due_year int NOT NULL, due_purpose text NOT NULL, due_given timestamptz NOT NULL, due_withdrawn timestamptz NOT NULL,
                due_anonymise boolean NOT NULL) ON COMMIT DROP
            """, ct);
        // One round trip with arrays (faster than COPY for some thousand rows).
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO pd_sweep_due SELECT * FROM unnest(@candidate, @collected, @scheduled, @closed, @year, @purpose, @given, @withdrawn, @anonymise)
            """, conn, tx))
        {
            insert.Parameters.AddWithValue("candidate", due.Select(d => d.Group.CandidateId).ToArray());
            insert.Parameters.AddWithValue("collected", due.Select(d => d.Group.Collected).ToArray());
            insert.Parameters.AddWithValue("scheduled", due.Select(d => d.Group.Scheduled ?? NoDate).ToArray());
            insert.Parameters.AddWithValue("closed", due.Select(d => d.Group.CaseClosed ?? NoDate).ToArray());
            insert.Parameters.AddWithValue("year", due.Select(d => d.Group.Year ?? int.MinValue).ToArray());
            insert.Parameters.AddWithValue("purpose", NpgsqlDbType.Array | NpgsqlDbType.Text, due.Select(d => d.Group.ConsentPurpose ?? NoText).ToArray());
            insert.Parameters.AddWithValue("given", due.Select(d => d.Group.ConsentGivenAt ?? NoInstant).ToArray());
            insert.Parameters.AddWithValue("withdrawn", due.Select(d => d.Group.ConsentWithdrawnAt ?? NoInstant).ToArray());
            insert.Parameters.AddWithValue("anonymise", due.Select(d => d.Anonymise).ToArray());
            await insert.ExecuteNonQueryAsync(ct);
        }
        await ExecuteAsync(conn, "ANALYZE pd_sweep_due", ct);

        var (closed, year, consent) = ExtraKeys(set);
        var match = new List<string>
        {
            "t.candidate_id = u.due_candidate", "t.collected_on = u.due_collected", "t.restricted_by_request_id IS NULL",
            $"COALESCE(t.scheduled_erasure_on, {NoDateSql}) = u.due_scheduled",
        };
        if (closed is not null)
            match.Add($"COALESCE(t.{closed}, {NoDateSql}) = u.due_closed");
        if (year is not null)
            match.Add($"COALESCE(t.{year}, {int.MinValue}) = u.due_year");
        if (consent)
        {
            match.Add("COALESCE(t.purpose_code, E'\\x01') = u.due_purpose");
            match.Add($"COALESCE(t.given_at, {NoInstantSql}) = u.due_given");
            match.Add($"COALESCE(t.withdrawn_at, {NoInstantSql}) = u.due_withdrawn");
        }
        var on = string.Join(" AND ", match);

        var toDelete = due.Where(d => !d.Anonymise).Sum(d => (long)d.Group.Count);
        if (toDelete > 0)
        {
            await using var delete = new NpgsqlCommand(
                $"DELETE FROM {table.Table} t USING pd_sweep_due u WHERE NOT u.due_anonymise AND {on}", conn, tx) { CommandTimeout = 0 };
            var deleted = await delete.ExecuteNonQueryAsync(ct);
            if (deleted != toDelete)
                throw new InvalidOperationException($"Retention sweep of {set}: {deleted} records deleted where {toDelete} were decided; rolled back.");
        }
        var toAnonymise = due.Where(d => d.Anonymise).Sum(d => (long)d.Group.Count);
        if (toAnonymise > 0)
        {
            await using var update = new NpgsqlCommand(
                $"UPDATE {table.Table} t SET {string.Join(", ", AnonymiseAssignments(table))} FROM pd_sweep_due u WHERE u.due_anonymise AND {NotYetAnonymised(table, "t.")} AND {on}",
                conn, tx) { CommandTimeout = 0 };
            var anonymised = await update.ExecuteNonQueryAsync(ct);
            if (anonymised != toAnonymise)
                throw new InvalidOperationException($"Retention sweep of {set}: {anonymised} records anonymised where {toAnonymise} were decided; rolled back.");
        }

    }

    /// <summary>Candidate profiles (one group = one candidate): anonymised or deleted by id, with their ledger rows.</summary>
    private static async Task ApplyProfilesAsync(NpgsqlConnection conn, TableInfo table,
        List<(Row Group, string Rule, bool Anonymise)> due, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var chunk in due.Chunk(5000))
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            var deleteIds = chunk.Where(d => !d.Anonymise).Select(d => d.Group.CandidateId).Order().ToArray();
            var anonymiseIds = chunk.Where(d => d.Anonymise).Select(d => d.Group.CandidateId).Order().ToArray();
            if (deleteIds.Length > 0)
            {
                await using var delete = new NpgsqlCommand($"DELETE FROM {table.Table} t USING unnest(@ids) AS u(id) WHERE t.id = u.id", conn, tx);
                delete.Parameters.AddWithValue("ids", deleteIds);
                await delete.ExecuteNonQueryAsync(ct);
            }
            if (anonymiseIds.Length > 0)
            {
                var assignments = table.AnonymiseColumns.Select(c => $"{c.Column} = {(c.Nullable ? "NULL" : c.IsString ? "''" : c.Column)}").Append("anonymised_at = @now");
                await using var update = new NpgsqlCommand($"UPDATE {table.Table} SET {string.Join(", ", assignments)} WHERE id = ANY(@ids)", conn, tx);
                update.Parameters.AddWithValue("ids", anonymiseIds);
                update.Parameters.AddWithValue("now", now);
                await update.ExecuteNonQueryAsync(ct);
            }

            await WriteLedgerAsync(conn, RecordSet.CandidateProfile, chunk.Select(d => (d.Group.CandidateId, d.Rule, d.Anonymise, 1)), now, ct);
            await tx.CommitAsync(ct);
        }
    }
}
