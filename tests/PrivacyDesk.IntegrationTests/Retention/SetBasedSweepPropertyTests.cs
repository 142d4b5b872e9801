using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Retention;

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
}
