using System.Data;
using System.Diagnostics;
using Npgsql;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Retention;
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
/// Skips data under an active legal hold (LH-3, audited LH-8), candidates with an open access request (ACC-3), data
/// restricted under Art. 18 (RS-2, reported) and, while a contract runs, what it needs (ER-2); a consent purpose applies
/// only to a person who gave that consent (RET-7). Parts: this file (run, decision), RetentionSweep.Cutoff.cs,
/// RetentionSweep.Groups.cs, RetentionSweep.Ledger.cs, PersonFactsQuery (the person's facts), CaseFileMinimiser (RET-12).
/// </summary>
public sealed partial class RetentionSweep(NpgsqlDataSource dataSource, PrivacyDeskDbContext db, RulesConfiguration rules, TimeProvider clock)
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

        /// <summary>RS-2: records past their retention date but restricted under Art. 18, so kept (stored only).</summary>
        public int SkippedRestricted { get; init; }

        public int Total => Lines.Where(l => l.Action is LedgerAction.Deleted or LedgerAction.Anonymised).Sum(l => l.Count);
    }

    /// <param name="ConsentBased">The purpose rests on consent: it applies to a person only when a consent for it exists (ACC-4, RET-7).</param>
    private sealed record RuleEntry(int Index, string PurposeCode, RetentionRule Rule, RetentionTerms Terms, bool UsesConsent, bool ConsentBased);

    /// <param name="ContractRunning">ER-2: what a running contract needs is never swept by a retention rule.</param>
    private sealed record Person(RetentionFacts Facts, bool ContractRunning);

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
        var people = (await PersonFactsQuery.LoadAsync(conn, today, ct))
            .ToDictionary(kv => kv.Key, kv => new Person(kv.Value.Facts(inactivity), kv.Value.ContractRunning));
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
                return RecordSetCategories.RulesFor(purpose, set).Select(r =>
                {
                    var terms = r.ToTerms();
                    var usesConsent = IsConsent(terms.Anchor) || (terms.Cap is { } c && IsConsent(c.Anchor)) || (terms.Floor is { } f && IsConsent(f.Anchor));
                    return new RuleEntry(ruleIndex++, purpose.Code, r, terms, usesConsent, purpose.LegalBasis == LegalBasis.Consent);
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
            var lifted = holds.Where(h => !h.IsActive).Select(h => h.Id).ToArray();
            var profilePurposes = purposes.Where(x => x.RecordSets.Contains(RecordSet.CandidateProfile)).Select(x => x.Code).ToHashSet(StringComparer.Ordinal);
            await ReapplyDeferredProfilesAsync(conn, run, lifted, profilePurposes, ct);
            await MarkReappliedAsync(conn, lifted, erasedCandidates.ToArray(), now, ct);
            if (only is null)
                minimised = await CaseFileMinimiser.MinimiseAsync(db, profile?.CaseFileRetention, today, now, ct);
            var totals = report.Count == 0 ? "nothing expired" : string.Join(", ", report.Select(r => $"{r.Key.Set}/{r.Key.Rule} {r.Key.Action} {r.Value}"));
            var summary = $"Retention sweep: {totals}; {blockedAudit.Values.Sum()} blocked by legal holds; {run.FrozenCount} deferred by open access requests; {run.RestrictedCount} restricted under Art. 18 kept (RS-2); {minimised} case file(s) minimised.";
            db.AuditEvents.Add(new AuditEvent(now, Actor, "retention.sweep", summary.Length > 2000 ? summary[..2000] : summary, candidateId: only));
            await db.SaveChangesAsync(ct);
        }
        else if (only is null)
        {
            minimised = await CaseFileMinimiser.MinimiseAsync(db, profile?.CaseFileRetention, today, now, ct, countOnly: true);
        }

        var lines = report.Select(r => new Line(r.Key.Rule, r.Key.Set, r.Key.Action, r.Value)).OrderBy(l => l.RecordSet).ThenBy(l => l.RuleCode).ToList();
        return new Report(true, dryRun, today, lines, blockedAudit.Values.Sum(), run.FrozenCount, minimised, Stopwatch.GetElapsedTime(started))
        {
            CandidateId = only, SkippedRestricted = run.RestrictedCount,
        };
    }

    private static bool IsConsent(RetentionAnchor anchor) => anchor is RetentionAnchor.ConsentGiven or RetentionAnchor.ConsentWithdrawn;

    /// <summary>RET-7: a record goes when every applicable rule has a known expiry in the past; the rule with the latest expiry is reported.</summary>
    private static (string? Rule, bool Anonymise) Decide(List<RuleEntry> entries, RetentionFacts facts, Row row,
        Dictionary<(Guid, string), (DateOnly? Given, DateOnly? Withdrawn)> consents, DateOnly today, Dictionary<CacheKey, Decision> cache, bool anonymise)
    {
        var rowConsent = row.ConsentPurpose is { } purpose ? (purpose, row.ConsentGiven, row.ConsentWithdrawn) : ((string, DateOnly?, DateOnly?)?)null;
        var latest = Winner(entries, facts, row.CandidateId, rowConsent, consents, today, cache);
        return latest is null ? (null, false) : (latest.Rule.Code, anonymise || latest.Rule.OnExpiry == ExpiryAction.Anonymise);
    }

    /// <summary>
    /// RET-7 for one record's facts: null when the record stays (a rule applies that has not expired, or waits for
    /// the DPO, or no rule applies); otherwise the applicable rule with the latest expiry (the first of equals).
    /// </summary>
    private static RuleEntry? Winner(List<RuleEntry> entries, RetentionFacts facts, Guid candidateId, (string Purpose, DateOnly? Given, DateOnly? Withdrawn)? rowConsent,
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

    private static Decision Evaluate(RuleEntry entry, RetentionFacts facts, Guid candidateId, (string Purpose, DateOnly? Given, DateOnly? Withdrawn)? rowConsent,
        Dictionary<(Guid, string), (DateOnly? Given, DateOnly? Withdrawn)> consents, DateOnly today, Dictionary<CacheKey, Decision> cache)
    {
        var f = facts;
        if (entry.ConsentBased)
        {
            // ACC-4, RET-7: a consent purpose covers a consent record only when it is its own, and other records only
            // of a person who gave that consent; otherwise it does not apply (and keeps nothing).
            var own = rowConsent is not null
                ? string.Equals(rowConsent.Value.Purpose, entry.PurposeCode, StringComparison.Ordinal)
                : consents.ContainsKey((candidateId, entry.PurposeCode));
            if (!own)
                return default;
        }
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

        /// <summary>Records due by retention but restricted under Art. 18 (RS-2): skipped and reported.</summary>
        public int RestrictedCount { get; set; }
    }

    private sealed record SetState(Context Run, RecordSet Set, TableInfo Table, List<RuleEntry> Entries, HashSet<string> PurposeCodes)
    {
        /// <summary>Anonymisation needs fields to blank; a record set without them is deleted.</summary>
        public bool CanAnonymise => Table.AnonymiseColumns.Count > 0;

        /// <summary>ER-2, RET-5: while a contract runs, no retention rule erases what it needs (scheduled erasures still run).</summary>
        public bool KeptForRunningContract(Person person) => person.ContractRunning && PersonActivity.RunningContractNeeds.Contains(Set);

        public Domain.LegalHolds.LegalHold? HoldOf(Guid candidate) =>
            Run.ActiveHolds.TryGetValue(candidate, out var holds) ? holds.FirstOrDefault(h => h.AllPurposes || h.PurposeCodes.Any(PurposeCodes.Contains)) : null;

        public Outcome OutcomeOf(RuleEntry entry) =>
            new(entry.Rule.Code, (Table.Method == ErasureMethod.Anonymise || entry.Rule.OnExpiry == ExpiryAction.Anonymise) && CanAnonymise);

        public Outcome Scheduled => new(ScheduledRule, Table.Method == ErasureMethod.Anonymise && CanAnonymise);
    }

    private sealed record Outcome(string Rule, bool Anonymise);

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

    private static IEnumerable<string> AnonymiseAssignments(TableInfo table) =>
        table.AnonymiseColumns.Select(c => $"{c.Column} = {(c.Nullable ? "NULL" : c.IsString ? "''" : c.Column)}").Append("scheduled_erasure_on = NULL");

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
