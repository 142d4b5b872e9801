using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Retention;
using Npgsql;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Retention;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Retention;

/// <summary>
/// The set-based sweep (records grouped by their facts, one DELETE/UPDATE per record set) against a per-record
/// reference built on the domain's CalendarMath (RET-4 month clamping, RET-6 last day kept), on random data in real
/// PostgreSQL: many records share their facts (multi-record groups), nullable facts are mixed (closed_on,
/// scheduled_erasure_on), dates cluster around month ends and 29 February, some candidates are under a legal hold.
/// ASAP rules (today 2026-11-23): professional e-mails Collected+P3Y, contact messages CaseClosed+P1Y, survey
/// answers Collected+P24M (anonymised), payroll kept by a running career unless ScheduledErasureOn has come (ER-7).
/// </summary>
public sealed class SetBasedSweepPropertyTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly DateOnly[] Pivots =
    [
        new(2020, 2, 29), new(2021, 2, 28), new(2022, 11, 22), new(2022, 11, 23), new(2023, 11, 23), new(2023, 11, 24),
        new(2024, 2, 29), new(2024, 11, 23), new(2024, 11, 24), new(2025, 11, 22), new(2025, 11, 23), new(2023, 8, 31), new(2024, 1, 31),
    ];

    private static DateOnly RandomDate(Random random) => Pivots[random.Next(Pivots.Length)].AddDays(random.Next(-2, 3));

    [Theory]
    [InlineData(20261123)]
    [InlineData(7)]
    [InlineData(424242)]
    public async Task Should_erase_exactly_what_the_per_record_reference_decides_on_random_data_RET4_RET6_RET7(int seed)
    {
        await App.ImportPackAsync("asap");
        var random = new Random(seed);
        var expectDeleted = new HashSet<Guid>();
        var expectKept = new HashSet<Guid>();
        var expectAnonymised = new HashSet<Guid>();
        var expectIntactSurveys = new HashSet<Guid>();
        var held = new List<Guid>();
        var candidates = new List<Candidate>();

        for (var i = 0; i < 12; i++)
        {
            var c = new Candidate
            {
                FirstName = "P" + i, LastName = "Sweep", Email = $"p{i}@example.be", EmploymentStatus = EmploymentStatus.Working,
                RegisteredOn = new DateOnly(2019, 1, 1), CreatedAt = App.Clock.GetUtcNow(), UpdatedAt = App.Clock.GetUtcNow(),
            };
            c.Assignments.Add(new Assignment { CandidateId = c.Id, ClientCompany = "Acme", JobTitle = "Operator", StartDate = new DateOnly(2024, 1, 1), CollectedOn = new DateOnly(2024, 1, 1) });
            var onHold = i % 5 == 4;
            if (onHold)
                held.Add(c.Id);
            for (var n = 0; n < 25; n++)
            {
                var collected = RandomDate(random);
                var mail = new ProfessionalEmail { CandidateId = c.Id, SentAt = App.Clock.GetUtcNow(), Subject = "s", Body = "b", CollectedOn = collected };
                c.ProfessionalEmails.Add(mail);
                var mailExpired = CalendarMath.AddPeriod(collected, new IsoPeriod(3, 0, 0)) < Today;
                (mailExpired && !onHold ? expectDeleted : expectKept).Add(mail.Id);

                var closed = random.Next(3) == 0 ? (DateOnly?)null : RandomDate(random);
                var message = new ContactMessage { CandidateId = c.Id, Subject = "q", Body = "b", ReceivedAt = App.Clock.GetUtcNow(), CollectedOn = RandomDate(random), ClosedOn = closed };
                c.ContactMessages.Add(message);
                var messageExpired = closed is { } cl && CalendarMath.AddPeriod(cl, new IsoPeriod(1, 0, 0)) < Today;
                (messageExpired && !onHold ? expectDeleted : expectKept).Add(message.Id);

                var answered = RandomDate(random);
                var survey = new SurveyAnswer { CandidateId = c.Id, SurveyName = "s", AnsweredOn = answered, Comment = "c" + n, CollectedOn = answered };
                c.SurveyAnswers.Add(survey);
                var surveyExpired = CalendarMath.AddPeriod(answered, new IsoPeriod(0, 24, 0)) < Today;
                (surveyExpired && !onHold ? expectAnonymised : expectIntactSurveys).Add(survey.Id);

                var scheduledOn = random.Next(2) == 0 ? (DateOnly?)null : Today.AddDays(random.Next(-3, 4));
                var pay = new PayrollRecord { CandidateId = c.Id, Year = 2020, Month = 1 + (n % 12), ScheduledErasureOn = scheduledOn, Restricted = scheduledOn is not null, CollectedOn = new DateOnly(2020, 1, 31) };
                c.PayrollRecords.Add(pay);
                (scheduledOn is { } s && s <= Today && !onHold ? expectDeleted : expectKept).Add(pay.Id);
            }
            candidates.Add(c);
        }
        await App.WithDbAsync(async db =>
        {
            db.Candidates.AddRange(candidates);
            foreach (var candidateId in held)
            {
                db.LegalHolds.Add(LegalHold.Place(candidateId, true, [], LegalHoldReason.Litigation, "AR 26/1", "Claim", "Defence", "Judgment",
                    new DateOnly(2027, 3, 1), "dpo@test.local", App.Clock.GetUtcNow(), Today));
            }
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.NotEmpty(expectDeleted);
        Assert.NotEmpty(expectKept);
        Assert.NotEmpty(expectAnonymised);

        RetentionSweep.Report report;
        await using (var scope = App.Factory.Services.CreateAsyncScope())
            report = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(dryRun: false, CancellationToken.None);

        var remaining = await App.WithDbAsync(async db =>
        {
            var ids = new HashSet<Guid>();
            ids.UnionWith(await db.ProfessionalEmails.IgnoreQueryFilters().Select(r => r.Id).ToListAsync());
            ids.UnionWith(await db.ContactMessages.IgnoreQueryFilters().Select(r => r.Id).ToListAsync());
            ids.UnionWith(await db.PayrollRecords.IgnoreQueryFilters().Select(r => r.Id).ToListAsync());
            return ids;
        });
        var surveys = await App.WithDbAsync(db => db.SurveyAnswers.IgnoreQueryFilters().Select(s => new { s.Id, s.Comment }).ToListAsync());
        var ledger = await App.WithDbAsync(db => db.ErasureLedger.Where(l => l.Action == LedgerAction.Deleted || l.Action == LedgerAction.Anonymised).ToListAsync());

        Assert.Empty(expectDeleted.Intersect(remaining));
        Assert.Equal(expectKept.Order(), remaining.Order());
        Assert.Equal(expectAnonymised.Order(), surveys.Where(s => s.Comment is null).Select(s => s.Id).Order());
        Assert.Equal(expectIntactSurveys.Order(), surveys.Where(s => s.Comment is not null).Select(s => s.Id).Order());
        // RET-11: the ledger counts equal the records erased, per action.
        Assert.Equal(expectDeleted.Count, ledger.Where(l => l.Action == LedgerAction.Deleted).Sum(l => l.Count));
        Assert.Equal(expectAnonymised.Count, ledger.Where(l => l.Action == LedgerAction.Anonymised).Sum(l => l.Count));
        Assert.Equal(expectDeleted.Count + expectAnonymised.Count, report.Total);
    }

    // ------------------------------------------------------------------------------------------ cut-off plans

    private static RetentionRule Rule(string code, DataCategory category, RetentionAnchor anchor, string period, ExpiryAction onExpiry = ExpiryAction.Erase,
        RuleAppliesTo appliesTo = RuleAppliesTo.All, AnchorAdjust adjust = AnchorAdjust.None,
        (RetentionAnchor Anchor, string Period)? cap = null, (RetentionAnchor Anchor, string Period)? floor = null) => new()
    {
        Code = code, DataCategory = category, Kind = RetentionKind.PolicyMaximum, Anchor = anchor, AnchorAdjust = adjust, Period = period,
        CapAnchor = cap?.Anchor, CapAnchorAdjust = cap is null ? null : AnchorAdjust.None, CapPeriod = cap?.Period,
        FloorAnchor = floor?.Anchor, FloorAnchorAdjust = floor is null ? null : AnchorAdjust.None, FloorPeriod = floor?.Period,
        AppliesTo = appliesTo, OnExpiry = onExpiry,
    };

    private static readonly (RecordSet Set, string Purpose, DataCategory Category)[] CutoffSets =
    [
        (RecordSet.ProfessionalEmails, "professional-emails", DataCategory.Communication),
        (RecordSet.SurveyAnswers, "satisfaction-survey", DataCategory.Survey),
        (RecordSet.EmergencyContacts, "emergency-contact", DataCategory.ThirdParty),
        (RecordSet.Photos, "photo", DataCategory.Photo),
    ];

    /// <summary>
    /// The record sets decided by collection date only (per-candidate cut-off plans, no grouped read) against a
    /// per-record reference (RetentionCalculator per record and rule, RET-7 in full), on random people: worked or not,
    /// last activity, last working day and photo consent withdrawal varied or unknown; the ASAP rules plus added ones
    /// so that a fixed-expiry rule and a collection-date rule take turns as the reported one (a split), caps, floors,
    /// a calendar-year adjustment, a DPO review for non-workers, and two date rules with different codes (decided
    /// group by group); scheduled erasures (ER-7), legal holds (LH-3, LH-8 counts), an anonymised record set; the
    /// dry run reports the same as the run. The erasure takes its usual path (one hashed test per distinct cut-off
    /// date) and, with <paramref name="joinPlans"/>, the one for many dates or mixed actions (a join with the plans).
    /// </summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(20261206, false)]
    [InlineData(99, false)]
    [InlineData(31337, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    public async Task Should_erase_by_cut_off_exactly_what_the_per_record_reference_decides_RET5_RET7_RET11(int seed, bool joinPlans)
    {
        await App.ImportPackAsync("asap");
        var added = new Dictionary<string, RetentionRule[]>
        {
            ["professional-emails"] = [Rule("t-emails-activity", DataCategory.Communication, RetentionAnchor.LastActivity, "P2Y")],
            ["satisfaction-survey"] = [Rule("t-survey-capped", DataCategory.Survey, RetentionAnchor.LastActivity, "P1Y", cap: (RetentionAnchor.Collected, "P5Y"))],
            ["emergency-contact"] =
            [
                Rule("t-emergency-floor", DataCategory.ThirdParty, RetentionAnchor.LastWorkingDay, "P6M", floor: (RetentionAnchor.Collected, "P1Y")),
                Rule("t-emergency-dpo", DataCategory.ThirdParty, RetentionAnchor.Collected, "P10Y", ExpiryAction.ReviewByDpo, RuleAppliesTo.NonWorkers),
            ],
            ["photo"] = [Rule("t-photo-year", DataCategory.Photo, RetentionAnchor.Collected, "P1Y", adjust: AnchorAdjust.EndOfCalendarYear, cap: (RetentionAnchor.LastActivity, "P3Y"))],
        };
        await App.WithDbAsync(async db =>
        {
            foreach (var purpose in await db.Purposes.Where(p => added.Keys.Contains(p.Code)).ToListAsync())
            {
                foreach (var rule in added[purpose.Code])
                {
                    rule.PurposeId = purpose.Id;
                    db.RetentionRules.Add(rule);
                }
            }
            await db.SaveChangesAsync();
            return 0;
        });
        // The rules of each set as the sweep picks them: the set's purposes, their rules of the set's category.
        var rulesOf = await App.WithDbAsync(async db =>
        {
            var purposes = await db.Purposes.AsNoTracking().Include(p => p.RetentionRules).AsSplitQuery().ToListAsync();
            return CutoffSets.ToDictionary(x => x.Set, x => purposes.Where(p => p.RecordSets.Contains(x.Set))
                .SelectMany(p => p.RetentionRules.Where(r => r.DataCategory == x.Category).Select(r => (Purpose: p.Code, Rule: r, Terms: r.ToTerms()))).ToList());
        });
        Assert.All(CutoffSets, x => Assert.True(rulesOf[x.Set].Count >= 2));

        var random = new Random(seed);
        DateOnly? Maybe(DateOnly from, int days) => random.Next(4) == 0 ? null : from.AddDays(random.Next(days));
        var expected = new Dictionary<(Guid Candidate, string Rule, RecordSet Set, LedgerAction Action), int>();
        var expectGone = new HashSet<Guid>();
        var expectAnonymised = new HashSet<Guid>();
        var expectBlocked = 0;
        var ids = new Dictionary<Guid, RecordSet>();
        var candidates = new List<Candidate>();
        var consents = new List<Consent>();
        var held = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            var worked = random.Next(2) == 0;
            var c = new Candidate
            {
                FirstName = "Q" + i, LastName = "Cutoff", Email = $"q{i}@example.be", EmploymentStatus = worked ? EmploymentStatus.Working : EmploymentStatus.Candidate,
                RegisteredOn = new DateOnly(2018, 1, 1), CreatedAt = App.Clock.GetUtcNow(), UpdatedAt = App.Clock.GetUtcNow(),
                LastActivityOn = Maybe(new DateOnly(2019, 1, 1), 2900), LastWorkingDay = worked ? Maybe(new DateOnly(2019, 6, 1), 2700) : null,
            };
            var withdrawn = Maybe(new DateOnly(2020, 1, 1), 2500);
            var hasConsent = random.Next(3) > 0;
            if (hasConsent)
            {
                consents.Add(new Consent
                {
                    CandidateId = c.Id, PurposeCode = "photo", Method = "web", CollectedOn = new DateOnly(2019, 1, 1),
                    GivenAt = new DateTimeOffset(2019, 1, 1, 12, 0, 0, TimeSpan.Zero),
                    WithdrawnAt = withdrawn is { } w ? new DateTimeOffset(w.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) : null,
                });
            }
            else
            {
                withdrawn = null;
            }
            var onHold = i % 6 == 5;
            if (onHold)
                held.Add(c.Id);
            var facts = new RetentionFacts
            {
                LastActivity = c.LastActivityOn, LastWorkingDay = c.LastWorkingDay, ConsentWithdrawn = withdrawn,
                ConsentGiven = hasConsent ? new DateOnly(2019, 1, 1) : null,
                CareerInactivityPeriod = new IsoPeriod(2, 0, 0), HasWorked = worked || c.LastWorkingDay is not null,
            };

            // ACC-4, RET-7: the photo purpose rests on consent, so its rules apply only to a person who gave it.
            List<(string Purpose, RetentionRule Rule, RetentionTerms Terms)> RulesFor(RecordSet set) =>
                rulesOf[set].Where(r => hasConsent || r.Purpose != "photo").ToList();
            foreach (var (set, _, _) in CutoffSets)
            {
                for (var n = 0; n < 12; n++)
                {
                    // Collection dates spread over years (month ends, 29 February); a date giving two rules the same expiry is drawn again.
                    DateOnly collected;
                    (string Rule, bool Anonymise)? decision;
                    do
                    {
                        collected = random.Next(3) == 0 ? RandomDate(random) : new DateOnly(2014, 1, 1).AddDays(random.Next(4800));
                    }
                    while (!Reference(RulesFor(set), facts with { Collected = collected }, set, out decision));
                    var scheduled = random.Next(5) == 0 ? Today.AddDays(random.Next(-3, 4)) : (DateOnly?)null;
                    if (scheduled is { } s && s <= Today)
                        decision = (RetentionSweep.ScheduledRule, set == RecordSet.SurveyAnswers);
                    CandidateRecord record = set switch
                    {
                        RecordSet.ProfessionalEmails => new ProfessionalEmail { SentAt = App.Clock.GetUtcNow(), Subject = "s", Body = "b" },
                        RecordSet.SurveyAnswers => new SurveyAnswer { SurveyName = "s", AnsweredOn = collected, Comment = "c" + n },
                        RecordSet.EmergencyContacts => new EmergencyContact { Name = "n", Relationship = "r", Phone = "p" },
                        _ => new Photo { FileName = "p.jpg", Content = [1] },
                    };
                    record.CandidateId = c.Id;
                    record.CollectedOn = collected;
                    record.ScheduledErasureOn = scheduled;
                    record.Restricted = scheduled is not null;
                    ids[record.Id] = set;
                    switch (record)
                    {
                        case ProfessionalEmail e: c.ProfessionalEmails.Add(e); break;
                        case SurveyAnswer a: c.SurveyAnswers.Add(a); break;
                        case EmergencyContact e: c.EmergencyContacts.Add(e); break;
                        case Photo ph: c.Photos.Add(ph); break;
                    }
                    if (decision is not { } d)
                        continue;
                    if (onHold)
                    {
                        expectBlocked++;
                        continue;
                    }
                    (d.Anonymise ? expectAnonymised : expectGone).Add(record.Id);
                    var key = (c.Id, d.Rule, set, d.Anonymise ? LedgerAction.Anonymised : LedgerAction.Deleted);
                    expected[key] = expected.GetValueOrDefault(key) + 1;
                }
            }
            candidates.Add(c);
        }
        await App.WithDbAsync(async db =>
        {
            db.Candidates.AddRange(candidates);
            db.Consents.AddRange(consents);
            foreach (var candidateId in held)
            {
                db.LegalHolds.Add(LegalHold.Place(candidateId, true, [], LegalHoldReason.Litigation, "AR 26/2", "Claim", "Defence", "Judgment",
                    new DateOnly(2027, 3, 1), "dpo@test.local", App.Clock.GetUtcNow(), Today));
            }
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.NotEmpty(expectGone);
        Assert.NotEmpty(expectAnonymised);
        Assert.True(expected.Keys.Select(k => k.Rule).Distinct().Count() >= 6, "the data should exercise most rules");

        RetentionSweep.Report dry, report;
        await using (var scope = App.Factory.Services.CreateAsyncScope())
            dry = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(dryRun: true, CancellationToken.None);
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var sweep = joinPlans
                ? new RetentionSweep(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<PrivacyDeskDbContext>(),
                    services.GetRequiredService<RulesConfiguration>(), services.GetRequiredService<TimeProvider>()) { MaxCutoffTests = 0 }
                : services.GetRequiredService<RetentionSweep>();
            report = await sweep.RunAsync(dryRun: false, CancellationToken.None);
        }

        var remaining = await App.WithDbAsync(async db =>
        {
            var left = new HashSet<Guid>();
            left.UnionWith(await db.ProfessionalEmails.IgnoreQueryFilters().Select(r => r.Id).ToListAsync());
            left.UnionWith(await db.EmergencyContacts.IgnoreQueryFilters().Select(r => r.Id).ToListAsync());
            left.UnionWith(await db.Photos.IgnoreQueryFilters().Select(r => r.Id).ToListAsync());
            left.UnionWith(await db.SurveyAnswers.IgnoreQueryFilters().Where(s => s.Comment != null).Select(r => r.Id).ToListAsync());
            return left;
        });
        Assert.Equal(ids.Keys.Except(expectGone).Except(expectAnonymised).Order(), remaining.Order());

        var sets = CutoffSets.Select(x => x.Set.ToString()).ToList();
        var ledger = await App.WithDbAsync(db => db.ErasureLedger.Where(l => sets.Contains(l.RecordSet)).ToListAsync());
        var actual = ledger.GroupBy(l => (l.CandidateId, l.RuleCode!, Enum.Parse<RecordSet>(l.RecordSet), l.Action)).ToDictionary(g => g.Key, g => g.Sum(l => l.Count));
        Assert.Equal(expected.OrderBy(kv => kv.Key.ToString()), actual.OrderBy(kv => kv.Key.ToString()));

        // The report (and the dry run's) has the same lines for these sets; holds blocked what the reference says.
        var expectedLines = expected.GroupBy(kv => (kv.Key.Rule, kv.Key.Set, kv.Key.Action)).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        foreach (var r in new[] { dry, report })
        {
            var lines = r.Lines.Where(l => CutoffSets.Any(x => x.Set == l.RecordSet)).ToDictionary(l => (l.RuleCode, l.RecordSet, l.Action), l => l.Count);
            Assert.Equal(expectedLines.OrderBy(kv => kv.Key.ToString()), lines.OrderBy(kv => kv.Key.ToString()));
        }
        var blocked = await App.WithDbAsync(db => db.AuditEvents.Where(a => a.Type == "hold.blocked-retention").Select(a => a.Summary).ToListAsync());
        var blockedInSets = blocked.Where(b => CutoffSets.Any(x => b.Contains($" {x.Set} record", StringComparison.Ordinal)))
            .Sum(b => int.Parse(b.Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expectBlocked, blockedInSets);
    }

    /// <summary>
    /// RET-7 per record, straight from the calculator: due when some rule applies, every applicable rule has expired
    /// and none waits for the DPO; the reported rule has the latest expiry. False when two rules tie for it.
    /// </summary>
    private static bool Reference(List<(string Purpose, RetentionRule Rule, RetentionTerms Terms)> rules, RetentionFacts facts, RecordSet set,
        out (string Rule, bool Anonymise)? decision)
    {
        decision = null;
        var outcomes = rules.Select(r => (r.Rule, Outcome: RetentionCalculator.Evaluate(r.Terms, facts, Today))).Where(x => x.Outcome.Applies).ToList();
        if (outcomes.Count == 0 || outcomes.Any(x => !x.Outcome.Expired || x.Rule.OnExpiry == ExpiryAction.ReviewByDpo))
            return true;
        var latest = outcomes.Max(x => x.Outcome.KeepUntil!.Value);
        var winners = outcomes.Where(x => x.Outcome.KeepUntil == latest).ToList();
        if (winners.Select(w => w.Rule.Code).Distinct().Count() > 1)
            return false;
        decision = (winners[0].Rule.Code, set == RecordSet.SurveyAnswers || winners[0].Rule.OnExpiry == ExpiryAction.Anonymise);
        return true;
    }
}
