using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Retention;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Retention;

/// <summary>
/// Erases or anonymises what has passed its retention date across every record set (§4, RET-6..RET-11),
/// plus deferred erasures whose ScheduledErasureOn has come (ER-7, LH-7). Decisions are made per record
/// with the RetentionCalculator over minimal projections read in one pass per table; the work itself is
/// set-based: DELETE/UPDATE … WHERE id = ANY(chunk) with the ledger rows COPYed in the same transaction.
/// One sweep at a time across all instances (session advisory lock); a second one returns at once.
/// Skips data under an active legal hold (LH-3, audited LH-8) and candidates with an open access request (ACC-3).
/// </summary>
public sealed class RetentionSweep(NpgsqlDataSource dataSource, PrivacyDeskDbContext db, RulesConfiguration rules, TimeProvider clock)
{
    public const long LockKey = 0x50445F5357454550; // "PD_SWEEP"
    public const string Actor = "retention-sweep";
    public const string ScheduledRule = "scheduled-erasure";

    public sealed record Line(string RuleCode, RecordSet RecordSet, LedgerAction Action, int Count);

    public sealed record Report(bool Ran, bool DryRun, DateOnly Today, IReadOnlyList<Line> Lines, int BlockedByHold, int FrozenByAccess,
        int CaseFilesMinimised, TimeSpan Elapsed)
    {
        /// <summary>Set when the sweep covered one candidate only (<see cref="RunForCandidateAsync"/>).</summary>
        public Guid? CandidateId { get; init; }

        public int Total => Lines.Where(l => l.Action is LedgerAction.Deleted or LedgerAction.Anonymised).Sum(l => l.Count);
    }

    private static readonly Dictionary<RecordSet, DataCategory[]> CategoriesOfSet = new()
    {
        [RecordSet.CandidateProfile] = [DataCategory.Identity, DataCategory.Contact, DataCategory.NationalNumber],
        [RecordSet.Applications] = [DataCategory.Application],
        [RecordSet.Documents] = [DataCategory.Cv],
        [RecordSet.WorkExperience] = [DataCategory.Career],
        [RecordSet.Education] = [DataCategory.Education],
        [RecordSet.LanguageSkills] = [DataCategory.Skills],
        [RecordSet.Assignments] = [DataCategory.Assignment],
        [RecordSet.PayrollRecords] = [DataCategory.Payroll],
        [RecordSet.TaxRecords] = [DataCategory.Tax],
        [RecordSet.InterviewNotes] = [DataCategory.Assessment],
        [RecordSet.Evaluations] = [DataCategory.Assessment],
        [RecordSet.EmergencyContacts] = [DataCategory.ThirdParty],
        [RecordSet.Consents] = [DataCategory.Consent],
        [RecordSet.ContactMessages] = [DataCategory.Communication],
        [RecordSet.Complaints] = [DataCategory.Complaint],
        [RecordSet.SurveyAnswers] = [DataCategory.Survey],
        [RecordSet.Photos] = [DataCategory.Photo],
        [RecordSet.ProfessionalEmails] = [DataCategory.Communication],
        [RecordSet.ClientDisclosures] = [DataCategory.Disclosure],
    };

    private sealed record RuleEntry(int Index, string PurposeCode, RetentionRule Rule, RetentionTerms Terms, bool UsesConsent);

    private sealed record Person(RetentionFacts Facts);

    private readonly record struct Due(Guid Id, Guid CandidateId, string Rule, bool Anonymise);

    private readonly record struct CacheKey(int Rule, DateOnly? Main, DateOnly? Cap, DateOnly? Floor, bool Worked);

    public Task<Report> RunAsync(bool dryRun, CancellationToken ct, int chunkSize = 5000) =>
        RunCoreAsync(dryRun, null, TimeSpan.Zero, chunkSize, ct);

    /// <summary>
    /// The same sweep, for one candidate's records only (LH-7: run right after a hold on them is lifted, so the
    /// erasures it held are carried out now rather than at the next daily sweep). Case files are left to the full
    /// sweep. When a full sweep holds the lock it waits up to <paramref name="waitForLock"/>, then reports Ran = false
    /// (the next sweep then does the work: the hold is no longer active).
    /// </summary>
    public Task<Report> RunForCandidateAsync(Guid candidateId, bool dryRun, CancellationToken ct, TimeSpan? waitForLock = null) =>
        RunCoreAsync(dryRun, candidateId, waitForLock ?? TimeSpan.FromSeconds(10), 5000, ct);

    private async Task<Report> RunCoreAsync(bool dryRun, Guid? candidateId, TimeSpan waitForLock, int chunkSize, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var today = BrusselsTime.Today(clock);
        var now = clock.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var deadline = Stopwatch.GetTimestamp() + (long)(waitForLock.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            await using var lockCmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@k)", conn);
            lockCmd.Parameters.AddWithValue("k", LockKey);
            if ((bool)(await lockCmd.ExecuteScalarAsync(ct))!)
                break;
            if (Stopwatch.GetTimestamp() >= deadline)
                return new Report(false, dryRun, today, [], 0, 0, 0, Stopwatch.GetElapsedTime(started)) { CandidateId = candidateId };
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
        try
        {
            return await SweepAsync(conn, dryRun, today, now, chunkSize, started, candidateId, ct);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@k)", conn);
            unlock.Parameters.AddWithValue("k", LockKey);
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private async Task<Report> SweepAsync(NpgsqlConnection conn, bool dryRun, DateOnly today, DateTimeOffset now, int chunkSize, long started,
        Guid? only, CancellationToken ct)
    {
        var purposes = await db.Purposes.AsNoTracking().Include(p => p.RetentionRules).AsSplitQuery().ToListAsync(ct);
        var profile = await db.ControllerProfiles.AsNoTracking().OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        var inactivity = IsoPeriod.TryParse(profile?.CareerInactivityPeriod, out var p) ? p : new IsoPeriod(2, 0, 0);
        var people = await LoadPeopleAsync(conn, today, inactivity, only, ct);
        var consents = await LoadLatestConsentsAsync(conn, only, ct);
        var holds = await db.LegalHolds.AsNoTracking().Where(h => only == null || h.CandidateId == only).ToListAsync(ct);
        var activeHolds = holds.Where(h => h.IsActive).GroupBy(h => h.CandidateId).ToDictionary(g => g.Key, g => g.ToList());
        var frozen = rules.AccessFreezesRetention ? await FrozenByAccessAsync(today, ct) : [];

        var report = new Dictionary<(string Rule, RecordSet Set, LedgerAction Action), int>();
        var blockedAudit = new Dictionary<(Guid Candidate, Guid Hold, RecordSet Set), int>();
        var erasedCandidates = new HashSet<Guid>();
        var frozenCount = 0;
        var cache = new Dictionary<CacheKey, RetentionOutcome>();
        var ruleIndex = 0;

        foreach (var set in Enum.GetValues<RecordSet>())
        {
            var setPurposes = purposes.Where(x => x.RecordSets.Contains(set)).ToList();
            var entries = setPurposes.SelectMany(purpose =>
            {
                var matching = purpose.RetentionRules.Where(r => CategoriesOfSet[set].Contains(r.DataCategory)).ToList();
                return (matching.Count > 0 ? matching : purpose.RetentionRules).Select(r =>
                {
                    var terms = r.ToTerms();
                    var usesConsent = IsConsent(terms.Anchor) || (terms.Cap is { } c && IsConsent(c.Anchor)) || (terms.Floor is { } f && IsConsent(f.Anchor));
                    return new RuleEntry(ruleIndex++, purpose.Code, r, terms, usesConsent);
                });
            }).ToList();
            var setPurposeCodes = setPurposes.Select(x => x.Code).ToHashSet(StringComparer.Ordinal);
            var table = TableOf(set);
            var due = new List<Due>();

            await foreach (var row in ReadRowsAsync(conn, set, table, only, ct))
            {
                if (!people.TryGetValue(row.CandidateId, out var person))
                    continue;
                string? rule = null;
                var anonymise = table.Method == ErasureMethod.Anonymise;
                if (row.Scheduled is { } scheduled && scheduled <= today)
                {
                    rule = ScheduledRule;
                }
                else if (entries.Count > 0)
                {
                    var facts = person.Facts with
                    {
                        Collected = row.Collected,
                        CaseClosed = row.CaseClosed,
                        TaxablePeriodEnd = row.Year is { } y && set == RecordSet.TaxRecords ? new DateOnly(y, 12, 31) : null,
                        FinancialYearClosed = row.Year is { } fy ? new DateOnly(fy, 12, 31) : null,
                    };
                    (rule, anonymise) = Decide(entries, facts, row, consents, today, cache, anonymise);
                }
                if (rule is null)
                    continue;

                if (activeHolds.TryGetValue(row.CandidateId, out var candidateHolds)
                    && candidateHolds.FirstOrDefault(h => h.AllPurposes || h.PurposeCodes.Any(setPurposeCodes.Contains)) is { } hold)
                {
                    var key = (row.CandidateId, hold.Id, set);
                    blockedAudit[key] = blockedAudit.GetValueOrDefault(key) + 1;
                    continue;
                }
                if (frozen.Contains(row.CandidateId))
                {
                    frozenCount++;
                    continue;
                }
                due.Add(new Due(row.Id, row.CandidateId, rule, anonymise && table.AnonymiseColumns.Count > 0));
            }

            foreach (var d in due)
            {
                var k = (d.Rule, set, d.Anonymise ? LedgerAction.Anonymised : LedgerAction.Deleted);
                report[k] = report.GetValueOrDefault(k) + 1;
            }
            if (!dryRun && due.Count > 0)
            {
                // A candidate's records travel together (one ledger row per candidate, rule and action per chunk);
                // within a chunk the ids are probed in index order.
                due.Sort((a, b) => a.CandidateId.CompareTo(b.CandidateId));
                foreach (var chunk in due.Chunk(chunkSize))
                {
                    await ApplyChunkAsync(conn, set, table, chunk, now, ct);
                    foreach (var d in chunk)
                        erasedCandidates.Add(d.CandidateId);
                }
            }
        }

        var minimised = 0;
        if (!dryRun)
        {
            await WriteBlockedAuditAsync(blockedAudit, now, ct);
            await MarkReappliedAsync(conn, holds.Where(h => !h.IsActive).Select(h => h.Id).ToArray(), erasedCandidates.ToArray(), now, ct);
            if (only is null)
                minimised = await MinimiseCaseFilesAsync(profile?.CaseFileRetention, today, now, ct);
            var totals = report.Count == 0 ? "nothing expired" : string.Join(", ", report.Select(r => $"{r.Key.Set}/{r.Key.Rule} {r.Key.Action} {r.Value}"));
            var summary = only is null
                ? $"Retention sweep: {totals}; {blockedAudit.Values.Sum()} blocked by legal holds; {frozenCount} deferred by open access requests; {minimised} case file(s) minimised."
                : $"Retention sweep of one candidate (LH-7): {totals}; {blockedAudit.Values.Sum()} blocked by legal holds; {frozenCount} deferred by open access requests.";
            db.AuditEvents.Add(new AuditEvent(now, Actor, "retention.sweep", summary.Length > 2000 ? summary[..2000] : summary, candidateId: only));
            await db.SaveChangesAsync(ct);
        }
        else if (only is null)
        {
            minimised = await MinimiseCaseFilesAsync(profile?.CaseFileRetention, today, now, ct, countOnly: true);
        }

        var lines = report.Select(r => new Line(r.Key.Rule, r.Key.Set, r.Key.Action, r.Value)).OrderBy(l => l.RecordSet).ThenBy(l => l.RuleCode).ToList();
        return new Report(true, dryRun, today, lines, blockedAudit.Values.Sum(), frozenCount, minimised, Stopwatch.GetElapsedTime(started)) { CandidateId = only };
    }

    private static bool IsConsent(RetentionAnchor anchor) => anchor is RetentionAnchor.ConsentGiven or RetentionAnchor.ConsentWithdrawn;

    /// <summary>RET-7: a record goes when every applicable rule has a known expiry in the past; the rule with the latest expiry is reported.</summary>
    private static (string? Rule, bool Anonymise) Decide(List<RuleEntry> entries, RetentionFacts facts, Row row,
        Dictionary<(Guid, string), (DateOnly? Given, DateOnly? Withdrawn)> consents, DateOnly today, Dictionary<CacheKey, RetentionOutcome> cache, bool anonymise)
    {
        RuleEntry? latest = null;
        DateOnly latestDate = DateOnly.MinValue;
        var applied = false;
        foreach (var entry in entries)
        {
            var f = facts;
            if (entry.UsesConsent)
            {
                f = row.ConsentPurpose is not null
                    ? f with { ConsentGiven = row.ConsentGiven, ConsentWithdrawn = row.ConsentWithdrawn }
                    : consents.TryGetValue((row.CandidateId, entry.PurposeCode), out var c) ? f with { ConsentGiven = c.Given, ConsentWithdrawn = c.Withdrawn } : f;
            }
            var t = entry.Terms;
            var key = new CacheKey(entry.Index, f.AnchorDate(t.Anchor), t.Cap is { } cap ? f.AnchorDate(cap.Anchor) : null,
                t.Floor is { } floor ? f.AnchorDate(floor.Anchor) : null, f.HasWorked);
            if (!cache.TryGetValue(key, out var outcome))
                cache[key] = outcome = RetentionCalculator.Evaluate(t, f, today);
            if (!outcome.Applies)
                continue;
            if (!outcome.Expired || entry.Rule.OnExpiry == ExpiryAction.ReviewByDpo)
                return (null, false); // kept by this rule (or waiting for the DPO)
            applied = true;
            if (latest is null || outcome.KeepUntil!.Value > latestDate)
            {
                latest = entry;
                latestDate = outcome.KeepUntil!.Value;
            }
        }
        if (!applied || latest is null)
            return (null, false);
        return (latest.Rule.Code, anonymise || latest.Rule.OnExpiry == ExpiryAction.Anonymise);
    }

    // ------------------------------------------------------------------------------------------ reading

    private sealed record Row(Guid Id, Guid CandidateId, DateOnly Collected, DateOnly? Scheduled, DateOnly? CaseClosed, int? Year,
        string? ConsentPurpose, DateOnly? ConsentGiven, DateOnly? ConsentWithdrawn);

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

    private async IAsyncEnumerable<Row> ReadRowsAsync(NpgsqlConnection conn, RecordSet set, TableInfo table, Guid? only,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string sql;
        if (set == RecordSet.CandidateProfile)
        {
            sql = "SELECT id, id, registered_on, NULL::date, NULL::date, NULL::int, NULL, NULL::timestamptz, NULL::timestamptz FROM candidates WHERE anonymised_at IS NULL"
                + (only is null ? "" : " AND id = @only");
        }
        else
        {
            var extra = set switch
            {
                RecordSet.Applications or RecordSet.ContactMessages or RecordSet.Complaints => "closed_on, NULL::int, NULL, NULL::timestamptz, NULL::timestamptz",
                RecordSet.TaxRecords => "NULL::date, tax_year, NULL, NULL::timestamptz, NULL::timestamptz",
                RecordSet.PayrollRecords => "NULL::date, year, NULL, NULL::timestamptz, NULL::timestamptz",
                RecordSet.Consents => "NULL::date, NULL::int, purpose_code, given_at, withdrawn_at",
                _ => "NULL::date, NULL::int, NULL, NULL::timestamptz, NULL::timestamptz",
            };
            // Anonymised records stay; once their fields are blank they are not picked again.
            var notYetAnonymised = table.Method == ErasureMethod.Anonymise && table.AnonymiseColumns.Count > 0
                ? " WHERE (" + string.Join(" OR ", table.AnonymiseColumns.Select(c => c.IsString ? $"COALESCE({c.Column}, '') <> ''" : $"{c.Column} IS NOT NULL")) + ")"
                : "";
            var ofCandidate = only is null ? "" : (notYetAnonymised.Length == 0 ? " WHERE" : " AND") + " candidate_id = @only";
            sql = $"SELECT id, candidate_id, collected_on, scheduled_erasure_on, {extra} FROM {table.Table}{notYetAnonymised}{ofCandidate}";
        }
        await using var cmd = new NpgsqlCommand(sql, conn);
        if (only is not null)
            cmd.Parameters.AddWithValue("only", only.Value);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new Row(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : BrusselsTime.ToBrusselsDate(reader.GetFieldValue<DateTimeOffset>(7)),
                reader.IsDBNull(8) ? null : BrusselsTime.ToBrusselsDate(reader.GetFieldValue<DateTimeOffset>(8)));
        }
    }

    /// <summary>The person-level retention facts of every candidate (RET-9), as CandidateData derives them, in one grouped query.</summary>
    private static async Task<Dictionary<Guid, Person>> LoadPeopleAsync(NpgsqlConnection conn, DateOnly today, IsoPeriod inactivity, Guid? only, CancellationToken ct)
    {
        const string all = """
            SELECT c.id, c.last_working_day, c.career_ended_on, c.last_activity_on, c.employment_status,
                   COALESCE(a.any_running, false), a.latest_ended, COALESCE(a.any_open_end, false), a.max_end, COALESCE(a.n, 0), ap.latest_app
            FROM candidates c
            LEFT JOIN (SELECT candidate_id,
                              bool_or(end_date IS NULL OR end_date >= @today) AS any_running,
                              max(end_date) FILTER (WHERE end_date < @today) AS latest_ended,
                              bool_or(end_date IS NULL) AS any_open_end,
                              max(end_date) AS max_end, count(*) AS n
                       FROM assignments GROUP BY candidate_id) a ON a.candidate_id = c.id
            LEFT JOIN (SELECT candidate_id, max(applied_on) AS latest_app FROM applications GROUP BY candidate_id) ap ON ap.candidate_id = c.id
            """;
        var sql = only is null ? all : all + " WHERE c.id = @only";
        var people = new Dictionary<Guid, Person>();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("today", today);
        if (only is not null)
            cmd.Parameters.AddWithValue("only", only.Value);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            DateOnly? D(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateOnly>(i);
            var lastWorkingDay = D(1);
            var anyRunning = reader.GetBoolean(5);
            var latestEnded = D(6);
            var contractEnd = reader.GetInt64(9) == 0 || reader.GetBoolean(7) ? null : D(8);
            var status = reader.GetString(4);
            people[reader.GetGuid(0)] = new Person(new RetentionFacts
            {
                LastWorkingDay = lastWorkingDay ?? (anyRunning ? null : latestEnded),
                ContractEnd = contractEnd,
                LastActivity = Latest(D(3), D(10), latestEnded),
                EndOfCareerStated = D(2),
                CareerInactivityPeriod = inactivity,
                HasWorked = status != nameof(EmploymentStatus.Candidate) || lastWorkingDay is not null,
            });
        }
        return people;
    }

    private static DateOnly? Latest(params DateOnly?[] dates) => dates.Where(d => d is not null).DefaultIfEmpty(null).Max();

    /// <summary>The latest consent per candidate and purpose (the ConsentGiven/ConsentWithdrawn anchors of a consent purpose's other records).</summary>
    private static async Task<Dictionary<(Guid, string), (DateOnly? Given, DateOnly? Withdrawn)>> LoadLatestConsentsAsync(NpgsqlConnection conn, Guid? only, CancellationToken ct)
    {
        var result = new Dictionary<(Guid, string), (DateOnly?, DateOnly?)>();
        await using var cmd = new NpgsqlCommand(
            "SELECT DISTINCT ON (candidate_id, purpose_code) candidate_id, purpose_code, given_at, withdrawn_at FROM consents"
            + (only is null ? "" : " WHERE candidate_id = @only") + " ORDER BY candidate_id, purpose_code, given_at DESC", conn);
        if (only is not null)
            cmd.Parameters.AddWithValue("only", only.Value);
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

    // ------------------------------------------------------------------------------------------ writing

    private static async Task ApplyChunkAsync(NpgsqlConnection conn, RecordSet set, TableInfo table, Due[] chunk, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        var deleteIds = chunk.Where(d => !d.Anonymise).Select(d => d.Id).Order().ToArray();
        var anonymiseIds = chunk.Where(d => d.Anonymise).Select(d => d.Id).Order().ToArray();
        if (deleteIds.Length > 0)
        {
            await using var delete = new NpgsqlCommand($"DELETE FROM {table.Table} t USING unnest(@ids) AS u(id) WHERE t.id = u.id", conn, tx);
            delete.Parameters.AddWithValue("ids", deleteIds);
            await delete.ExecuteNonQueryAsync(ct);
        }
        if (anonymiseIds.Length > 0)
        {
            var assignments = table.AnonymiseColumns.Select(c => $"{c.Column} = {(c.Nullable ? "NULL" : c.IsString ? "''" : c.Column)}").ToList();
            if (set == RecordSet.CandidateProfile)
                assignments.Add("anonymised_at = @now");
            else
                assignments.Add("scheduled_erasure_on = NULL");
            await using var update = new NpgsqlCommand($"UPDATE {table.Table} SET {string.Join(", ", assignments)} WHERE id = ANY(@ids)", conn, tx);
            update.Parameters.AddWithValue("ids", anonymiseIds);
            update.Parameters.AddWithValue("now", now);
            await update.ExecuteNonQueryAsync(ct);
        }

        // RET-11: counts and record types per rule and candidate; no content.
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY erasure_ledger (id, executed_at, candidate_id, rule_code, record_set, action, count) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var group in chunk.GroupBy(d => (d.CandidateId, d.Rule, d.Anonymise)))
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(Ids.New(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(group.Key.CandidateId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(group.Key.Rule.Length > 80 ? group.Key.Rule[..80] : group.Key.Rule, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(set.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync((group.Key.Anonymise ? LedgerAction.Anonymised : LedgerAction.Deleted).ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(group.Count(), NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
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

    /// <summary>LH-7: erasures a lifted hold had deferred are marked re-applied once the sweep carried them out.</summary>
    private static async Task MarkReappliedAsync(NpgsqlConnection conn, Guid[] liftedHolds, Guid[] candidates, DateTimeOffset now, CancellationToken ct)
    {
        if (liftedHolds.Length == 0 || candidates.Length == 0)
            return;
        await using var cmd = new NpgsqlCommand(
            "UPDATE erasure_ledger SET reapplied_at = @now WHERE action = 'DeferredByHold' AND reapplied_at IS NULL AND legal_hold_id = ANY(@holds) AND candidate_id = ANY(@candidates)", conn);
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.AddWithValue("holds", liftedHolds);
        cmd.Parameters.AddWithValue("candidates", candidates);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>RET-12: closed case files are minimised after CASE_FILE_RETENTION (controller profile, default P5Y).</summary>
    private async Task<int> MinimiseCaseFilesAsync(string? retention, DateOnly today, DateTimeOffset now, CancellationToken ct, bool countOnly = false)
    {
        var period = IsoPeriod.TryParse(retention, out var p) ? p : new IsoPeriod(5, 0, 0);
        var terminal = new[] { RequestStatus.Closed, RequestStatus.Withdrawn, RequestStatus.Abandoned };
        var closed = await db.Requests.AsNoTracking()
            .Where(r => terminal.Contains(r.Status) && r.MinimisedAt == null && r.ClosedAt != null)
            .Select(r => new { r.Id, ClosedAt = r.ClosedAt!.Value })
            .ToListAsync(ct);
        // The case file is kept through closing date + period (last day kept, as RET-6), minimised from the next day.
        var due = closed.Where(r => CalendarMath.AddPeriod(BrusselsTime.ToBrusselsDate(r.ClosedAt), period) < today).Select(r => r.Id).ToList();
        if (countOnly)
            return due.Count;
        foreach (var chunk in due.Chunk(500))
        {
            var batch = await db.Requests.Include(r => r.Messages).Where(r => chunk.Contains(r.Id)).ToListAsync(ct);
            foreach (var request in batch)
                request.Minimise(now);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return due.Count;
    }
}
