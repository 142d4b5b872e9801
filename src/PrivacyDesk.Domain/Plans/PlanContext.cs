using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Retention;

namespace PrivacyDesk.Domain.Plans;

/// <summary>Working state of one Build call: caches per purpose × set and the lines produced so far.</summary>
internal sealed class PlanContext
{
    private readonly Dictionary<(string Purpose, RecordSet Set), (RetentionRule Rule, RetentionTerms Terms)[]> _rules = [];
    private readonly List<PlanLine> _lines = [];
    private readonly List<LocalizedText> _notices = [];

    public PlanContext(PlanInput input)
    {
        Input = input;
        Data = new CandidateData(input.Candidate!, input.Today, input.Settings, input.RunningContractNeeds);
        ActiveHolds = input.Holds.Where(h => h.IsActive && h.CandidateId == input.Candidate!.Id).ToList();
        Purposes = input.Purposes.OrderBy(p => p.SortOrder).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();
        Language = input.Candidate!.Language;
    }

    public PlanInput Input { get; }

    public CandidateData Data { get; }

    public IReadOnlyList<LegalHold> ActiveHolds { get; }

    public IReadOnlyList<ProcessingPurpose> Purposes { get; }

    public string Language { get; }

    public DateOnly Today => Input.Today;

    public IReadOnlyList<PlanLine> Lines => _lines;

    public LegalHold? HoldFor(string purposeCode) => ActiveHolds.FirstOrDefault(h => h.Covers(purposeCode));

    public ErasureMethod ErasureOf(RecordSet set) =>
        Input.Profiles.TryGetValue(set, out var profile) ? profile.Erasure : ErasureMethod.Delete;

    public RecordSetProfile? ProfileOf(RecordSet set) => Input.Profiles.TryGetValue(set, out var profile) ? profile : null;

    /// <summary>
    /// Record sets that hold data but that no purpose of the register covers for this person (a consent-based
    /// purpose covers nothing of a person who never consented to it, ACC-4).
    /// </summary>
    public IEnumerable<RecordSet> UnregisteredSetsWithData()
    {
        var covered = Purposes.SelectMany(p => p.RecordSets.Where(s => Data.For(p, s).Count > 0)).ToHashSet();
        return Enum.GetValues<RecordSet>().Where(s => !covered.Contains(s) && Data.All(s).Count > 0);
    }

    public void Notice(LocalizedText text) => _notices.Add(text);

    /// <summary>RET-3: a rule belongs to a data category; a set is under the rules for its categories, else under all the purpose's rules.</summary>
    public IReadOnlyList<(RetentionRule Rule, RetentionTerms Terms)> RulesFor(ProcessingPurpose purpose, RecordSet set)
    {
        if (_rules.TryGetValue((purpose.Code, set), out var cached))
        {
            return cached;
        }

        var chosen = RecordSetCategories.RulesFor(purpose, set)
            .Select(r => (r, r.ToTerms()))
            .ToArray();
        _rules[(purpose.Code, set)] = chosen;
        return chosen;
    }

    /// <summary>
    /// RET-7 for one record: it stays while any applicable rule of the given kinds keeps it. An unknown
    /// expiry (anchor not yet happened) wins over any date. Null when no such rule applies.
    /// </summary>
    public RetentionVerdict? Retention(ProcessingPurpose purpose, RecordSet set, RecordRef item, Func<RetentionKind, bool> kinds)
    {
        RetentionVerdict? best = null;
        RetentionFacts? facts = null;
        foreach (var (rule, terms) in RulesFor(purpose, set))
        {
            if (!kinds(terms.Kind))
            {
                continue;
            }

            facts ??= Data.FactsFor(purpose, item);
            var (applies, keepUntil, expired) = RetentionCalculator.Decide(terms, facts, Today);
            if (!applies)
            {
                continue;
            }

            var verdict = new RetentionVerdict(keepUntil, expired, rule);
            if (best is not { } b || (b.Known && (!verdict.Known || verdict.KeepUntil > b.KeepUntil)))
            {
                best = verdict;
            }
        }

        return best;
    }

    /// <summary>Groups the records of one purpose × set by verdict and adds one line per distinct verdict.</summary>
    public void AddLines<TKey>(ProcessingPurpose? purpose, RecordSet set, IReadOnlyList<RecordRef> items,
        Func<RecordRef, TKey> key, Func<TKey, Verdict> verdict)
        where TKey : notnull
    {
        foreach (var group in items.GroupBy(key))
        {
            Add(purpose, set, group.Select(i => i.Id).ToList(), verdict(group.Key));
        }
    }

    public void Add(ProcessingPurpose? purpose, RecordSet set, IReadOnlyList<Guid> ids, Verdict v) =>
        _lines.Add(new PlanLine(
            purpose?.Code ?? "",
            purpose is null ? PlanTexts.NoPurpose.For(Language) : PlanTexts.Purpose(purpose).For(Language),
            set, v.Outcome, ids.Count, ids, v.KeepUntil, v.Article, v.RuleId, v.Reason,
            v.LegalHoldReference, v.RetentionRuleCode));

    public void Add(ProcessingPurpose? purpose, RecordSet set, IReadOnlyList<RecordRef> items, Verdict v) =>
        Add(purpose, set, items.Select(i => i.Id).ToList(), v);

    public RequestPlan Finish()
    {
        var records = CombineRecords(_lines);
        var active = _lines.Where(l => l.Outcome is not (PlanOutcome.NotApplicable or PlanOutcome.Refuse)).ToList();
        var activePurposes = active.Select(l => l.PurposeCode).ToHashSet(StringComparer.Ordinal);
        var recipients = Purposes
            .Where(p => activePurposes.Contains(p.Code))
            .SelectMany(p => p.Recipients)
            .Select(r => r.Code)
            .Where(c => !string.IsNullOrWhiteSpace(c))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var clients = active.Count == 0
            ? []
            : Data.Candidate.ClientDisclosures
                .Select(d => d.ClientCompany)
                .Where(c => !string.IsNullOrWhiteSpace(c))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.OrdinalIgnoreCase)
                .ToList();

        var ledger = Data.Candidate.ClientDisclosures
            .Where(d => !string.IsNullOrWhiteSpace(d.ClientCompany))
            .Select(d => new LedgerEntry(d.ClientCompany, d.PurposeCode))
            .Distinct()
            .OrderBy(e => e.ClientCompany, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.PurposeCode, StringComparer.Ordinal)
            .ToList();

        return new RequestPlan(Input.Type, false, _lines.ToList(), records, recipients, clients, _notices.ToList(), ledger);
    }

    /// <summary>
    /// 2.0.1: one verdict per record over all its lines. The strongest outcome wins (anything kept beats
    /// erasure, so a record is erased only when every purpose says erase); kept records take the latest
    /// keep-until, where "unknown" (null) is later than any date.
    /// </summary>
    public static IReadOnlyList<RecordDecision> CombineRecords(IReadOnlyList<PlanLine> lines)
    {
        // Sized once: grown by doubling, the map and list of 10,000 records reallocate on the large-object heap
        // several times per plan, and each such allocation brings a full (gen 2) collection nearer. The records of a
        // set are those of the purpose that covers most of them (a purpose's lines partition what it covers).
        var expected = lines.GroupBy(l => (l.RecordSet, l.PurposeCode))
            .GroupBy(g => g.Key.RecordSet, g => g.Sum(l => l.RecordIds.Count))
            .Sum(set => set.Max());
        var byRecord = new Dictionary<Guid, Accumulator>(expected);
        var order = new List<Accumulator>(expected);
        foreach (var line in lines)
        {
            foreach (var id in line.RecordIds)
            {
                if (!byRecord.TryGetValue(id, out var acc))
                {
                    acc = new Accumulator(line.RecordSet, id);
                    byRecord[id] = acc;
                    order.Add(acc);
                }

                acc.Add(line.Outcome, line.KeepUntil);
            }
        }

        return order.Select(acc => acc.ToDecision()).ToList();
    }

    /// <summary>Strength of an outcome when several purposes meet on one record.</summary>
    internal static int Strength(PlanOutcome outcome) => outcome switch
    {
        PlanOutcome.Keep => 13,
        PlanOutcome.Withhold => 12,
        PlanOutcome.KeepRestrictedUntil => 11,
        PlanOutcome.Restrict => 10,
        PlanOutcome.Anonymise => 9,
        PlanOutcome.Erase => 8,
        PlanOutcome.Correct => 7,
        PlanOutcome.AddStatement => 6,
        PlanOutcome.GiveRedacted => 5,
        PlanOutcome.Give => 4,
        PlanOutcome.StopProcessing => 3,
        PlanOutcome.Refuse => 2,
        PlanOutcome.NotApplicable => 1,
        _ => 0,
    };

    internal static bool Keeps(PlanOutcome outcome) =>
        outcome is PlanOutcome.Keep or PlanOutcome.KeepRestrictedUntil or PlanOutcome.Withhold;

    private sealed class Accumulator(RecordSet set, Guid id)
    {
        private PlanOutcome _outcome = PlanOutcome.NotApplicable;
        private bool _any;
        private DateOnly? _latest;
        private bool _keptOpenEnded;
        private DateOnly? _latestKept;

        public void Add(PlanOutcome outcome, DateOnly? keepUntil)
        {
            if (!_any || Strength(outcome) > Strength(_outcome))
            {
                _outcome = outcome;
            }

            _any = true;
            if (keepUntil is { } k && (_latest is null || k > _latest))
            {
                _latest = k;
            }

            if (Keeps(outcome))
            {
                if (keepUntil is null)
                {
                    _keptOpenEnded = true;
                }
                else if (_latestKept is null || keepUntil > _latestKept)
                {
                    _latestKept = keepUntil;
                }
            }
        }

        public RecordDecision ToDecision() => new(set, id, _outcome,
            Keeps(_outcome) ? (_keptOpenEnded ? null : _latestKept) : _latest);
    }
}
