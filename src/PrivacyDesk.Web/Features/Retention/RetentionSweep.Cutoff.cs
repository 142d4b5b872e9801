using System.Data;
using Npgsql;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Retention;

namespace PrivacyDesk.Web.Features.Retention;

/// <summary>Cut-off erasure: record sets decided by collection date only, one plan per set of facts (RET-5, RET-7).</summary>
public sealed partial class RetentionSweep
{
    /// <summary>
    /// One candidate's decision for a record set whose records differ only by collection date (and scheduled erasure):
    /// records collected on or before <see cref="Cutoff"/> are due (none when null); those collected before
    /// <see cref="Split"/> go under <see cref="Low"/>, the others under <see cref="High"/>. <see cref="Fallback"/>: the
    /// reported rule may change more often over the due dates, so the candidate's records are decided group by group.
    /// </summary>
    private sealed record Plan(DateOnly? Cutoff, DateOnly? Split, Outcome? Low, Outcome? High, bool Fallback)
    {
        public static readonly Plan Nothing = new(null, null, null, null, false);
        public static readonly Plan ByGroups = new(null, null, null, null, true);
    }

    private static readonly DateOnly FirstDate = DateOnly.MinValue;
    private static readonly DateOnly LastDate = new(9000, 12, 31);

    private static bool DependsOnCollected(RetentionTerms t) => Anchors(t).Contains(RetentionAnchor.Collected);

    /// <summary>
    /// The cut-off plan of one candidate, from RetentionCalculator itself. Every rule's expiry is max(min(main, cap),
    /// floor) of anchor + period, each non-decreasing in the collection date (the other anchors are the person's),
    /// so "every applicable rule expired" holds for all dates up to a cut-off, found by bisection. The reported rule
    /// (latest expiry) among the due dates: rules not anchored on the collection date have fixed expiries; one of
    /// those (the best) wins below the first date where a date-anchored rule beats it (again monotone: bisection),
    /// a date-anchored rule from there on. When the date-anchored rules differ in code or action the plan falls back
    /// to group-by-group decisions. The plan is checked against the calculator at its edges.
    /// </summary>
    private static Plan PlanFor(SetState s, RetentionFacts facts, Guid candidate)
    {
        var run = s.Run;
        RuleEntry? WinnerAt(DateOnly d) => Winner(s.Entries, facts with { Collected = d }, candidate, null, run.Consents, run.Today, run.Cache);

        if (s.Entries.Count == 0 || WinnerAt(FirstDate) is null)
            return Plan.Nothing;
        int cutoff;
        if (WinnerAt(LastDate) is not null)
        {
            cutoff = LastDate.DayNumber;
        }
        else
        {
            var (lo, hi) = (FirstDate.DayNumber, LastDate.DayNumber); // due at lo, not at hi
            while (hi - lo > 1)
            {
                var mid = lo + ((hi - lo) / 2);
                if (WinnerAt(DateOnly.FromDayNumber(mid)) is not null)
                    lo = mid;
                else
                    hi = mid;
            }
            cutoff = lo;
        }
        var cutoffDate = DateOnly.FromDayNumber(cutoff);
        var atCutoff = WinnerAt(cutoffDate)!;
        var applicable = s.Entries.Where(e => Evaluate(e, facts with { Collected = cutoffDate }, candidate, null, run.Consents, run.Today, run.Cache).Applies).ToList();
        var variable = applicable.Where(e => DependsOnCollected(e.Terms)).Select(s.OutcomeOf).Distinct().ToList();
        if (!DependsOnCollected(atCutoff.Terms))
        {
            // The best fixed-expiry rule wins at the cut-off, so at every earlier date too (the others only expire earlier).
            var single = s.OutcomeOf(atCutoff);
            return WinnerAt(FirstDate) is { } first && s.OutcomeOf(first) == single ? new Plan(cutoffDate, null, single, single, false) : Plan.ByGroups;
        }
        if (variable.Count != 1)
            return Plan.ByGroups;
        var high = variable[0];
        bool DateRuleWins(int day) => DependsOnCollected(WinnerAt(DateOnly.FromDayNumber(day))!.Terms);
        if (DateRuleWins(FirstDate.DayNumber))
            return new Plan(cutoffDate, null, high, high, false);
        var (from, to) = (FirstDate.DayNumber, cutoff); // a fixed rule wins at from, a date rule at to
        while (to - from > 1)
        {
            var mid = from + ((to - from) / 2);
            if (DateRuleWins(mid))
                to = mid;
            else
                from = mid;
        }
        var low = s.OutcomeOf(WinnerAt(DateOnly.FromDayNumber(from))!);
        if (s.OutcomeOf(WinnerAt(DateOnly.FromDayNumber(to))!) != high || s.OutcomeOf(WinnerAt(FirstDate)!) != low)
            return Plan.ByGroups;
        return low == high ? new Plan(cutoffDate, null, high, high, false) : new Plan(cutoffDate, DateOnly.FromDayNumber(to), low, high, false);
    }

    /// <summary>The facts a plan reads, so that candidates sharing them share one plan.</summary>
    private static string PlanKey(SetState s, RetentionFacts facts, Guid candidate)
    {
        var key = new System.Text.StringBuilder(facts.HasWorked ? "W" : "N");
        foreach (var entry in s.Entries)
        {
            var f = facts;
            var hasConsent = s.Run.Consents.TryGetValue((candidate, entry.PurposeCode), out var c);
            if (entry.ConsentBased && !hasConsent)
            {
                key.Append("|-");
                continue;
            }
            if (entry.UsesConsent && hasConsent)
                f = f with { ConsentGiven = c.Given, ConsentWithdrawn = c.Withdrawn };
            foreach (var anchor in Anchors(entry.Terms))
                key.Append('|').Append(anchor == RetentionAnchor.Collected ? 0 : f.AnchorDate(anchor)?.DayNumber ?? -1);
        }
        return key.ToString();
    }

    /// <summary>
    /// A record set whose decisions depend on the collection date only (besides the person's facts): no read of the
    /// records to decide. Each candidate gets a cut-off plan (computed once per distinct set of facts); then, in one
    /// repeatable-read transaction, one grouped count of the due records per candidate and segment (which also counts
    /// what holds block and access requests freeze), one DELETE of the due records (or UPDATE for anonymised record
    /// sets; <see cref="EraseByCutoffAsync"/>), checked against the counts, and the ledger rows (RET-11) from the
    /// counts, committed together.
    /// </summary>
    private async Task SweepByCutoffAsync(NpgsqlConnection conn, SetState s, bool dryRun, CancellationToken ct)
    {
        var run = s.Run;
        var table = s.Table;
        await using (var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table.Table} WHERE {NotYetAnonymised(table, "")})", conn))
        {
            if (!(bool)(await any.ExecuteScalarAsync(ct))!)
                return;
        }

        var plans = new Dictionary<string, Plan>(StringComparer.Ordinal);
        var cuts = new List<(Guid Candidate, Plan Plan)>();
        var byGroups = new List<Guid>();
        foreach (var (candidate, person) in run.People)
        {
            if (s.KeptForRunningContract(person))
            {
                cuts.Add((candidate, Plan.Nothing)); // only scheduled erasures (ER-7) apply
                continue;
            }
            var key = PlanKey(s, person.Facts, candidate);
            if (!plans.TryGetValue(key, out var plan))
            {
                try
                {
                    plan = PlanFor(s, person.Facts, candidate);
                }
                catch (ArgumentOutOfRangeException)
                {
                    plan = Plan.ByGroups; // a date beyond the calendar: let the records' own dates decide
                }
                plans[key] = plan;
            }
            if (plan.Fallback)
                byGroups.Add(candidate);
            else
                cuts.Add((candidate, plan));
        }

        // One repeatable-read transaction: its snapshot is exported so that the count runs on a second connection
        // AT THE SAME TIME as the erasure, over exactly the records the erasure sees (a concurrent change to one of
        // them makes the erasure fail; the next run does the work).
        // The count's connection is taken BEFORE the erasure locks anything, so that a full pool of requests waiting
        // on those locks can never keep it from the sweep.
        await using var countConn = dryRun ? null : await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await ExecuteAsync(conn, PlannerSettings, ct);
        string? snapshot = null;
        if (!dryRun)
        {
            await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", conn, tx);
            snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
        }
        var ledger = new List<(Guid Candidate, string Rule, bool Anonymise, int Count)>();
        if (byGroups.Count > 0)
        {
            var due = await DecideGroupsAsync(conn, s, byGroups.ToArray(), ct);
            if (!dryRun && due.Count > 0)
                await ApplyGroupsAsync(conn, s.Set, table, due, tx, ct);
            ledger.AddRange(due.Select(d => (d.Group.CandidateId, d.Rule, d.Anonymise, d.Group.Count)));
        }

        var scheduled = s.Scheduled;
        var targets = cuts.Where(c => s.HoldOf(c.Candidate) is null && !run.Frozen.Contains(c.Candidate)).ToList();
        var actions = targets.SelectMany(c => new[] { c.Plan.Low, c.Plan.High }).OfType<Outcome>().Select(o => o.Anonymise).Append(scheduled.Anonymise).Distinct().ToList();
        var counting = dryRun ? CountDueAsync(conn, s, cuts, ct) : CountDueOnSnapshotAsync(countConn!, snapshot!, s, cuts, ct);
        Dictionary<bool, long> touched = [];
        try
        {
            if (!dryRun)
                touched = await EraseByCutoffAsync(conn, tx, s, targets, actions, ct);
        }
        finally
        {
            // Never leave the count running on its own (its result is awaited below when all went well).
#pragma warning disable CA1031 // swallowed only while the erasure's own exception leaves, or in a dry run where the await below rethrows it
            try { await counting; } catch (Exception) when (touched.Count < actions.Count || dryRun) { }
#pragma warning restore CA1031
        }
        var counts = await counting;

        // Counts per candidate and segment (0: scheduled erasure, 1: before the split, 2: from it).
        var byCutoff = new List<(Guid Candidate, string Rule, bool Anonymise, int Count)>();
        foreach (var (k, segment, n) in counts)
        {
            var (candidate, plan) = cuts[k];
            if (s.HoldOf(candidate) is { } hold)
            {
                var key = (candidate, hold.Id, s.Set);
                run.BlockedAudit[key] = run.BlockedAudit.GetValueOrDefault(key) + n;
                continue;
            }
            if (segment == 3)
            {
                run.RestrictedCount += n; // RS-2: restricted under Art. 18, stored only
                continue;
            }
            if (run.Frozen.Contains(candidate))
            {
                run.FrozenCount += n;
                continue;
            }
            var outcome = segment switch { 0 => scheduled, 1 => plan.Low!, _ => plan.High! };
            byCutoff.Add((candidate, outcome.Rule, outcome.Anonymise, n));
        }
        ledger.AddRange(byCutoff);
        foreach (var l in ledger)
        {
            var key = (l.Rule, s.Set, l.Anonymise ? LedgerAction.Anonymised : LedgerAction.Deleted);
            run.Report[key] = run.Report.GetValueOrDefault(key) + l.Count;
            run.ErasedCandidates.Add(l.Candidate);
        }
        if (dryRun)
            return;
        foreach (var anonymise in new[] { false, true })
        {
            var expected = byCutoff.Where(l => l.Anonymise == anonymise).Sum(l => (long)l.Count);
            if (touched.GetValueOrDefault(anonymise) != expected)
                throw new InvalidOperationException($"Retention sweep of {s.Set}: {touched.GetValueOrDefault(anonymise)} records {(anonymise ? "anonymised" : "deleted")} where {expected} were counted; rolled back.");
        }
        if (ledger.Count == 0)
            return;
        await WriteLedgerAsync(conn, s.Set, ledger, run.Now, ct);
        await tx.CommitAsync(ct);
    }

    // JIT compilation costs more than it saves on these statements; a merge join would walk the table in
    // candidate order through its index (random reads) where one sequential pass with a hash of the plans does;
    // a custom plan sees the candidate arrays as constants and hashes them (a generic one would search them linearly).
    private const string PlannerSettings = "SET LOCAL jit = off; SET LOCAL enable_mergejoin = off; SET LOCAL plan_cache_mode = force_custom_plan";

    /// <summary>
    /// Above this many distinct cut-off dates the erasure joins a table of plans instead of one test per date (cut-offs
    /// are today minus a rule's period, so a record set rarely has more than a few). Tests set 0 to take the join.
    /// </summary>
    internal int MaxCutoffTests { get; init; } = 16;

    /// <summary>
    /// Erases (deletes or anonymises) the due records of the target candidates: those collected on or before their
    /// plan's cut-off, and those whose scheduled erasure has come. Returns the rows touched per action.
    /// </summary>
    private async Task<Dictionary<bool, long>> EraseByCutoffAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SetState s,
        List<(Guid Candidate, Plan Plan)> targets, List<bool> actions, CancellationToken ct)
    {
        var table = s.Table;
        var touched = new Dictionary<bool, long>();
        string Statement(bool anonymise, string from, string where) => (anonymise
            ? $"UPDATE {table.Table} t SET {string.Join(", ", AnonymiseAssignments(table))}{(from.Length > 0 ? " FROM " + from : "")}"
            : $"DELETE FROM {table.Table} t{(from.Length > 0 ? " USING " + from : "")}") + $" WHERE {NotYetAnonymised(table, "t.")} AND t.restricted_by_request_id IS NULL AND {where}";

        var cutoffs = targets.Where(c => c.Plan.Cutoff is not null).GroupBy(c => c.Plan.Cutoff!.Value).ToList();
        if (actions.Count == 1 && cutoffs.Count <= MaxCutoffTests)
        {
            // Every due record gets the same action and the plans share few cut-off dates (the usual case: most people
            // share their facts): one test per date against a hashed array of its candidates, no join, so the DELETE
            // costs what a plain DELETE of the same rows costs (a join drags each joined row along for its recheck).
            await using var erase = new NpgsqlCommand { Connection = conn, Transaction = tx, CommandTimeout = 0 };
            var tests = new List<string> { "(t.scheduled_erasure_on <= @today AND t.candidate_id = ANY(@all))" };
            erase.Parameters.AddWithValue("today", s.Run.Today);
            erase.Parameters.AddWithValue("all", targets.Select(c => c.Candidate).ToArray());
            for (var i = 0; i < cutoffs.Count; i++)
            {
                tests.Add($"(t.collected_on <= @cutoff{i} AND t.candidate_id = ANY(@candidates{i}))");
                erase.Parameters.AddWithValue($"cutoff{i}", cutoffs[i].Key);
                erase.Parameters.AddWithValue($"candidates{i}", cutoffs[i].Select(c => c.Candidate).ToArray());
            }
            erase.CommandText = Statement(actions[0], "", "(" + string.Join(" OR ", tests) + ")");
            touched[actions[0]] = await erase.ExecuteNonQueryAsync(ct);
            return touched;
        }

        // Otherwise the plans go to a temporary table (rather than unnest(): a DELETE joined with a function scan
        // carries each joined row along as a record for its concurrency recheck, which costs as much again as the deletion).
        await ExecuteAsync(conn, """
            CREATE TEMP TABLE pd_sweep_plans (candidate uuid NOT NULL, cutoff date, split date, low boolean NOT NULL, high boolean NOT NULL) ON COMMIT DROP
            """, ct);
        await using (var fill = new NpgsqlCommand("INSERT INTO pd_sweep_plans SELECT * FROM unnest(@candidate, @cutoff, @split, @low, @high)", conn, tx))
        {
            fill.Parameters.AddWithValue("candidate", targets.Select(c => c.Candidate).ToArray());
            fill.Parameters.AddWithValue("cutoff", targets.Select(c => c.Plan.Cutoff).ToArray());
            fill.Parameters.AddWithValue("split", targets.Select(c => c.Plan.Split).ToArray());
            fill.Parameters.AddWithValue("low", targets.Select(c => c.Plan.Low?.Anonymise ?? false).ToArray());
            fill.Parameters.AddWithValue("high", targets.Select(c => c.Plan.High?.Anonymise ?? false).ToArray());
            await fill.ExecuteNonQueryAsync(ct);
        }
        await ExecuteAsync(conn, "ANALYZE pd_sweep_plans", ct);
        foreach (var anonymise in actions.Order())
        {
            // Which records this statement takes: by segment action, unless every segment has the same one.
            var action = actions.Count == 1 ? "" : " AND (CASE WHEN t.scheduled_erasure_on <= @today THEN @scheduled WHEN t.collected_on < c.split THEN c.low ELSE c.high END) = @anonymise";
            await using var apply = new NpgsqlCommand(Statement(anonymise, "pd_sweep_plans c",
                $"t.candidate_id = c.candidate AND (t.collected_on <= c.cutoff OR t.scheduled_erasure_on <= @today){action}"), conn, tx) { CommandTimeout = 0 };
            apply.Parameters.AddWithValue("today", s.Run.Today);
            apply.Parameters.AddWithValue("scheduled", s.Scheduled.Anonymise);
            apply.Parameters.AddWithValue("anonymise", anonymise);
            touched[anonymise] = await apply.ExecuteNonQueryAsync(ct);
        }
        return touched;
    }

    private static async Task<List<(int K, int Segment, int Count)>> CountDueOnSnapshotAsync(NpgsqlConnection conn, string snapshot, SetState s,
        List<(Guid Candidate, Plan Plan)> cuts, CancellationToken ct)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(snapshot, "^[0-9A-F-]+$"))
            throw new InvalidOperationException("Unexpected snapshot id.");
        await Task.Yield(); // run beside the erasure
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        // One process for the count, so that the erasure keeps a core of its own.
        await ExecuteAsync(conn, $"SET TRANSACTION SNAPSHOT '{snapshot}'; SET TRANSACTION READ ONLY; {PlannerSettings}; SET LOCAL max_parallel_workers_per_gather = 0", ct);
        return await CountDueAsync(conn, s, cuts, ct);
    }

    /// <summary>The due records per plan (index k) and segment: 0 scheduled erasure, 1 before the split, 2 from it, 3 restricted (RS-2, kept).</summary>
    private static async Task<List<(int K, int Segment, int Count)>> CountDueAsync(NpgsqlConnection conn, SetState s, List<(Guid Candidate, Plan Plan)> cuts, CancellationToken ct)
    {
        var counts = new List<(int K, int Segment, int Count)>();
        await using var count = new NpgsqlCommand($"""
            SELECT c.k, CASE WHEN t.restricted_by_request_id IS NOT NULL THEN 3 WHEN t.scheduled_erasure_on <= @today THEN 0 WHEN t.collected_on < c.split THEN 1 ELSE 2 END, count(*)::int
            FROM {s.Table.Table} t JOIN unnest(@k, @candidate, @cutoff, @split) AS c(k, candidate, cutoff, split) ON t.candidate_id = c.candidate
            WHERE (t.collected_on <= c.cutoff OR t.scheduled_erasure_on <= @today) AND {NotYetAnonymised(s.Table, "t.")}
            GROUP BY 1, 2
            """, conn) { CommandTimeout = 0 };
        count.Parameters.AddWithValue("today", s.Run.Today);
        count.Parameters.AddWithValue("k", Enumerable.Range(0, cuts.Count).ToArray());
        count.Parameters.AddWithValue("candidate", cuts.Select(c => c.Candidate).ToArray());
        count.Parameters.AddWithValue("cutoff", cuts.Select(c => c.Plan.Cutoff).ToArray());
        count.Parameters.AddWithValue("split", cuts.Select(c => c.Plan.Split).ToArray());
        await using var reader = await count.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            counts.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
        return counts;
    }
}
