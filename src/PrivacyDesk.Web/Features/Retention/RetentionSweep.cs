using System.Data;
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
/// plus deferred erasures whose ScheduledErasureOn has come (ER-7, LH-7). The RetentionCalculator is the one reference
/// for every decision. Record sets whose decision depends on the collection date only (besides the person's facts)
/// are not read to decide: per candidate, the calculator gives a cut-off date (every applicable rule expired for
/// records collected on or before it, RET-7) and the reported rule on each side of at most one split date; then, in one
/// repeatable-read transaction per record set, ONE DELETE of the due records (one sequential pass, as a plain DELETE:
/// a hashed test per distinct cut-off date, or a join with the plans when they have many dates) runs while a second
/// connection, on the same exported snapshot, counts the due records per candidate and rule for
/// the ledger (RET-11), checked against the rows deleted and committed with them. Record sets whose decisions read
/// other per-record facts (case closing, tax year, the consent record's own dates), the rare candidates whose
/// reported rule changes more often, and candidate profiles are read GROUPED by those facts and decided per group,
/// then erased with one DELETE … USING the due groups (anonymisation: one UPDATE … FROM per record set).
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

    /// <summary>What <see cref="RetentionCalculator.Decide"/> returns for one rule.</summary>
    private readonly record struct Decision(bool Applies, DateOnly? KeepUntil, bool Expired);

    private readonly record struct CacheKey(int Rule, DateOnly? Main, DateOnly? Cap, DateOnly? Floor, bool Worked);

    public Task<Report> RunAsync(bool dryRun, CancellationToken ct) => RunCoreAsync(dryRun, null, TimeSpan.Zero, ct);

    /// <summary>
    /// The same sweep, for one candidate's records only (LH-7: run right after a hold on them is lifted, so the
    /// erasures it held are carried out now rather than at the next daily sweep). Case files are left to the full
    /// sweep. When a full sweep holds the lock it waits up to <paramref name="waitForLock"/>, then reports Ran = false
    /// (the next sweep then does the work: the hold is no longer active).
    /// </summary>
    public Task<Report> RunForCandidateAsync(Guid candidateId, bool dryRun, CancellationToken ct, TimeSpan? waitForLock = null) =>
        RunCoreAsync(dryRun, candidateId, waitForLock ?? TimeSpan.FromSeconds(10), ct);

    private async Task<Report> RunCoreAsync(bool dryRun, Guid? only, TimeSpan waitForLock, CancellationToken ct)
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
                return new Report(false, dryRun, today, [], 0, 0, 0, Stopwatch.GetElapsedTime(started)) { CandidateId = only };
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
        try
        {
            return await SweepAsync(conn, dryRun, today, now, started, only, ct);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@k)", conn);
            unlock.Parameters.AddWithValue("k", LockKey);
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private async Task<Report> SweepAsync(NpgsqlConnection conn, bool dryRun, DateOnly today, DateTimeOffset now, long started, Guid? only, CancellationToken ct)
    {
        var purposes = await db.Purposes.AsNoTracking().Include(p => p.RetentionRules).AsSplitQuery().ToListAsync(ct);
        var profile = await db.ControllerProfiles.AsNoTracking().OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        var inactivity = IsoPeriod.TryParse(profile?.CareerInactivityPeriod, out var p) ? p : new IsoPeriod(2, 0, 0);
        var people = await LoadPeopleAsync(conn, today, inactivity, ct);
        if (only is { } single)
        {
            // One candidate (LH-7): only groups of people in this map are decided, so the erasure touches no one else.
            people = people.Where(kv => kv.Key == single).ToDictionary(kv => kv.Key, kv => kv.Value);
        }
        var consents = await LoadLatestConsentsAsync(conn, ct);
        var holds = await db.LegalHolds.AsNoTracking().Where(h => only == null || h.CandidateId == only).ToListAsync(ct);
        var activeHolds = holds.Where(h => h.IsActive).GroupBy(h => h.CandidateId).ToDictionary(g => g.Key, g => g.ToList());
        var frozen = rules.AccessFreezesRetention ? await FrozenByAccessAsync(today, ct) : [];

        var run = new Context(people, consents, activeHolds, frozen, today, now);
        var (report, blockedAudit, erasedCandidates) = (run.Report, run.BlockedAudit, run.ErasedCandidates);
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
            var state = new SetState(run, set, table, entries, setPurposeCodes);
            if (set != RecordSet.CandidateProfile && !DependsOnRecordFacts(set, entries))
            {
                await SweepByCutoffAsync(conn, state, dryRun, ct);
                continue;
            }

            // Records: read, decided and erased in ONE repeatable-read transaction per record set, so the erasure
            // works on exactly the records the decision saw (a concurrent change makes it fail and retry next run).
            await using var tx = !dryRun && set != RecordSet.CandidateProfile ? await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct) : null;
            var due = await DecideGroupsAsync(conn, state, null, ct);
            if (dryRun || due.Count == 0)
                continue;

            if (set == RecordSet.CandidateProfile)
            {
                await ApplyProfilesAsync(conn, table, due, now, ct);
            }
            else
            {
                await ApplyGroupsAsync(conn, set, table, due, tx!, ct);
                await WriteLedgerAsync(conn, set, due.Select(d => (d.Group.CandidateId, d.Rule, d.Anonymise, d.Group.Count)), now, ct);
                await tx!.CommitAsync(ct);
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
            var summary = $"Retention sweep: {totals}; {blockedAudit.Values.Sum()} blocked by legal holds; {run.FrozenCount} deferred by open access requests; {minimised} case file(s) minimised.";
            db.AuditEvents.Add(new AuditEvent(now, Actor, "retention.sweep", summary.Length > 2000 ? summary[..2000] : summary, candidateId: only));
            await db.SaveChangesAsync(ct);
        }
        else if (only is null)
        {
            minimised = await MinimiseCaseFilesAsync(profile?.CaseFileRetention, today, now, ct, countOnly: true);
        }

        var lines = report.Select(r => new Line(r.Key.Rule, r.Key.Set, r.Key.Action, r.Value)).OrderBy(l => l.RecordSet).ThenBy(l => l.RuleCode).ToList();
        return new Report(true, dryRun, today, lines, blockedAudit.Values.Sum(), run.FrozenCount, minimised, Stopwatch.GetElapsedTime(started)) { CandidateId = only };
    }

    private static bool IsConsent(RetentionAnchor anchor) => anchor is RetentionAnchor.ConsentGiven or RetentionAnchor.ConsentWithdrawn;

    /// <summary>RET-7: a record goes when every applicable rule has a known expiry in the past; the rule with the latest expiry is reported.</summary>
    private static (string? Rule, bool Anonymise) Decide(List<RuleEntry> entries, RetentionFacts facts, Row row,
        Dictionary<(Guid, string), (DateOnly? Given, DateOnly? Withdrawn)> consents, DateOnly today, Dictionary<CacheKey, Decision> cache, bool anonymise)
    {
        var rowConsent = row.ConsentPurpose is not null ? (row.ConsentGiven, row.ConsentWithdrawn) : ((DateOnly?, DateOnly?)?)null;
        var latest = Winner(entries, facts, row.CandidateId, rowConsent, consents, today, cache);
        return latest is null ? (null, false) : (latest.Rule.Code, anonymise || latest.Rule.OnExpiry == ExpiryAction.Anonymise);
    }

    /// <summary>
    /// RET-7 for one record's facts: null when the record stays (a rule applies that has not expired, or waits for
    /// the DPO, or no rule applies); otherwise the applicable rule with the latest expiry (the first of equals).
    /// </summary>
    private static RuleEntry? Winner(List<RuleEntry> entries, RetentionFacts facts, Guid candidateId, (DateOnly? Given, DateOnly? Withdrawn)? rowConsent,
        Dictionary<(Guid, string), (DateOnly? Given, DateOnly? Withdrawn)> consents, DateOnly today, Dictionary<CacheKey, Decision> cache)
    {
        RuleEntry? latest = null;
        DateOnly latestDate = DateOnly.MinValue;
        foreach (var entry in entries)
        {
            var outcome = Evaluate(entry, facts, candidateId, rowConsent, consents, today, cache);
            if (!outcome.Applies)
                continue;
            if (!outcome.Expired || entry.Rule.OnExpiry == ExpiryAction.ReviewByDpo)
                return null; // kept by this rule (or waiting for the DPO)
            if (latest is null || outcome.KeepUntil!.Value > latestDate)
            {
                latest = entry;
                latestDate = outcome.KeepUntil!.Value;
            }
        }
        return latest;
    }

    private static Decision Evaluate(RuleEntry entry, RetentionFacts facts, Guid candidateId, (DateOnly? Given, DateOnly? Withdrawn)? rowConsent,
        Dictionary<(Guid, string), (DateOnly? Given, DateOnly? Withdrawn)> consents, DateOnly today, Dictionary<CacheKey, Decision> cache)
    {
        var f = facts;
        if (entry.UsesConsent)
        {
            f = rowConsent is { } rc
                ? f with { ConsentGiven = rc.Given, ConsentWithdrawn = rc.Withdrawn }
                : consents.TryGetValue((candidateId, entry.PurposeCode), out var c) ? f with { ConsentGiven = c.Given, ConsentWithdrawn = c.Withdrawn } : f;
        }
        var t = entry.Terms;
        var key = new CacheKey(entry.Index, f.AnchorDate(t.Anchor), t.Cap is { } cap ? f.AnchorDate(cap.Anchor) : null,
            t.Floor is { } floor ? f.AnchorDate(floor.Anchor) : null, f.HasWorked);
        if (!cache.TryGetValue(key, out var outcome))
        {
            // The decision only (no explanation text): the sweep shows no trace, and bisection asks many dates.
            var (applies, keepUntil, expired) = RetentionCalculator.Decide(t, f, today);
            cache[key] = outcome = new Decision(applies, keepUntil, expired);
        }
        return outcome;
    }

    // ------------------------------------------------------------------------------------------ cut-off plans

    /// <summary>
    /// What the sweep knows for one run: the people's facts, the latest consents, the holds and freezes, and what it
    /// has done so far (report lines, blocked counts for the LH-8 audit, candidates erased for LH-7).
    /// </summary>
    private sealed class Context(Dictionary<Guid, Person> people, Dictionary<(Guid, string), (DateOnly? Given, DateOnly? Withdrawn)> consents,
        Dictionary<Guid, List<Domain.LegalHolds.LegalHold>> activeHolds, HashSet<Guid> frozen, DateOnly today, DateTimeOffset now)
    {
        public Dictionary<Guid, Person> People { get; } = people;
        public Dictionary<(Guid, string), (DateOnly? Given, DateOnly? Withdrawn)> Consents { get; } = consents;
        public Dictionary<Guid, List<Domain.LegalHolds.LegalHold>> ActiveHolds { get; } = activeHolds;
        public HashSet<Guid> Frozen { get; } = frozen;
        public DateOnly Today { get; } = today;
        public DateTimeOffset Now { get; } = now;
        public Dictionary<CacheKey, Decision> Cache { get; } = [];
        public Dictionary<(string Rule, RecordSet Set, LedgerAction Action), int> Report { get; } = [];
        public Dictionary<(Guid Candidate, Guid Hold, RecordSet Set), int> BlockedAudit { get; } = [];
        public HashSet<Guid> ErasedCandidates { get; } = [];
        public int FrozenCount { get; set; }
    }

    private sealed record SetState(Context Run, RecordSet Set, TableInfo Table, List<RuleEntry> Entries, HashSet<string> PurposeCodes)
    {
        /// <summary>Anonymisation needs fields to blank; a record set without them is deleted.</summary>
        public bool CanAnonymise => Table.AnonymiseColumns.Count > 0;

        public Domain.LegalHolds.LegalHold? HoldOf(Guid candidate) =>
            Run.ActiveHolds.TryGetValue(candidate, out var holds) ? holds.FirstOrDefault(h => h.AllPurposes || h.PurposeCodes.Any(PurposeCodes.Contains)) : null;

        public Outcome OutcomeOf(RuleEntry entry) =>
            new(entry.Rule.Code, (Table.Method == ErasureMethod.Anonymise || entry.Rule.OnExpiry == ExpiryAction.Anonymise) && CanAnonymise);

        public Outcome Scheduled => new(ScheduledRule, Table.Method == ErasureMethod.Anonymise && CanAnonymise);
    }

    private sealed record Outcome(string Rule, bool Anonymise);

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

    /// <summary>
    /// True when a decision in this record set reads a per-record fact besides the collection date (case closing,
    /// tax or financial year, the consent record's own dates): those sets are decided group by group.
    /// </summary>
    private static bool DependsOnRecordFacts(RecordSet set, List<RuleEntry> entries)
    {
        var (closed, year, consent) = ExtraKeys(set);
        if (closed is null && year is null && !consent)
            return false;
        return entries.Any(e => Anchors(e.Terms).Any(a => a switch
        {
            RetentionAnchor.CaseClosed => closed is not null,
            RetentionAnchor.TaxablePeriodEnd or RetentionAnchor.FinancialYearClosed => year is not null,
            RetentionAnchor.ConsentGiven or RetentionAnchor.ConsentWithdrawn => consent,
            _ => false,
        }));
    }

    private static IEnumerable<RetentionAnchor> Anchors(RetentionTerms t)
    {
        yield return t.Anchor;
        if (t.Cap is { } cap)
            yield return cap.Anchor;
        if (t.Floor is { } floor)
            yield return floor.Anchor;
    }

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
            if (entry.UsesConsent && s.Run.Consents.TryGetValue((candidate, entry.PurposeCode), out var c))
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
            try { await counting; } catch (Exception) when (touched.Count < actions.Count || dryRun) { }
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
            : $"DELETE FROM {table.Table} t{(from.Length > 0 ? " USING " + from : "")}") + $" WHERE {NotYetAnonymised(table, "t.")} AND {where}";

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

    /// <summary>The due records per plan (index k) and segment: 0 scheduled erasure, 1 before the split, 2 from it.</summary>
    private static async Task<List<(int K, int Segment, int Count)>> CountDueAsync(NpgsqlConnection conn, SetState s, List<(Guid Candidate, Plan Plan)> cuts, CancellationToken ct)
    {
        var counts = new List<(int K, int Segment, int Count)>();
        await using var count = new NpgsqlCommand($"""
            SELECT c.k, CASE WHEN t.scheduled_erasure_on <= @today THEN 0 WHEN t.collected_on < c.split THEN 1 ELSE 2 END, count(*)::int
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
            else if (s.Entries.Count > 0)
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

    // ------------------------------------------------------------------------------------------ reading

    /// <summary>
    /// A group of records sharing every fact a retention decision reads (for the candidate profile: one candidate).
    /// The raw consent instants are kept to find the group's records again.
    /// </summary>
    private sealed record Row(Guid CandidateId, DateOnly Collected, DateOnly? Scheduled, DateOnly? CaseClosed, int? Year,
        string? ConsentPurpose, DateTimeOffset? ConsentGivenAt, DateTimeOffset? ConsentWithdrawnAt, int Count)
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
            sql = "SELECT id, registered_on, NULL::date, NULL::date, NULL::int, NULL, NULL::timestamptz, NULL::timestamptz, 1 FROM candidates WHERE anonymised_at IS NULL";
        }
        else
        {
            var (closed, year, consent) = ExtraKeys(set);
            var extra = $"{closed ?? "NULL::date"}, {year ?? "NULL::int"}, " + (consent ? "purpose_code, given_at, withdrawn_at" : "NULL, NULL::timestamptz, NULL::timestamptz");
            var only = candidates is null ? "" : " AND candidate_id = ANY(@candidates)";
            sql = $"SELECT candidate_id, collected_on, scheduled_erasure_on, {extra}, count(*)::int FROM {table.Table} WHERE {NotYetAnonymised(table, "")}{only} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8";
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
                reader.GetInt32(8));
        }
    }

    /// <summary>The person-level retention facts of every candidate (RET-9), as CandidateData derives them, in one grouped query.</summary>
    private static async Task<Dictionary<Guid, Person>> LoadPeopleAsync(NpgsqlConnection conn, DateOnly today, IsoPeriod inactivity, CancellationToken ct)
    {
        const string sql = """
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
        var people = new Dictionary<Guid, Person>();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("today", today);
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

    // ------------------------------------------------------------------------------------------ writing

    // Null stand-ins in the due-groups table, so that groups join with plain (hashable) equality.
    private static readonly DateOnly NoDate = new(1000, 1, 1);
    private static readonly DateTimeOffset NoInstant = new(1000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string NoDateSql = "DATE '1000-01-01'";
    private const string NoInstantSql = "TIMESTAMPTZ '1000-01-01 00:00:00+00'";
    private const string NoText = "\u0001";

    private static string Truncate(string rule) => rule.Length > 80 ? rule[..80] : rule;

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
            "t.candidate_id = u.due_candidate", "t.collected_on = u.due_collected",
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

    private static IEnumerable<string> AnonymiseAssignments(TableInfo table) =>
        table.AnonymiseColumns.Select(c => $"{c.Column} = {(c.Nullable ? "NULL" : c.IsString ? "''" : c.Column)}").Append("scheduled_erasure_on = NULL");

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
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
