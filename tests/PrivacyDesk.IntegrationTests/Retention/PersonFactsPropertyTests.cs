using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Retention;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Retention;

namespace PrivacyDesk.IntegrationTests.Retention;

/// <summary>
/// Generated candidates (running, ended, open-ended and future-ending assignments; messages and complaints, some
/// near midnight in Brussels; logins; applications; stated career ends in the past or future; working or not) on
/// real PostgreSQL with the ASAP pack (today 2026-11-23, CAREER_INACTIVITY_PERIOD P2Y):
/// the SQL aggregates the sweep reads equal the ones the plan engine takes from the loaded candidate (one derivation
/// of the facts, RET-9), and the sweep never erases what a running contract (ER-2) or an ongoing career (RET-9,
/// RET-5) needs, while it does erase career data once the career has ended (the property is not vacuous).
/// </summary>
public sealed class PersonFactsPropertyTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly IsoPeriod Inactivity = new(2, 0, 0);

    [Theory]
    [InlineData(1)]
    [InlineData(20261207)]
    [InlineData(4242)]
    public async Task Should_derive_the_same_facts_in_csharp_and_sql_and_never_sweep_a_running_contract_or_career_RET9_RET5_ER2(int seed)
    {
        await App.ImportPackAsync("asap");
        var random = new Random(seed);
        DateOnly Day(DateOnly from, int span) => from.AddDays(random.Next(span));
        DateOnly? Maybe(DateOnly from, int span) => random.Next(3) == 0 ? null : Day(from, span);
        var candidates = new List<Candidate>();
        for (var i = 0; i < 40; i++)
        {
            var c = new Candidate
            {
                FirstName = "F" + i, LastName = "Facts", Email = $"f{i}@example.be",
                EmploymentStatus = (EmploymentStatus)random.Next(3), RegisteredOn = new DateOnly(2018, 1, 1),
                LastActivityOn = Maybe(new DateOnly(2019, 1, 1), 2900),
                CareerEndedOn = random.Next(4) == 0 ? Day(new DateOnly(2022, 1, 1), 1900) : null,
                LastWorkingDay = random.Next(4) == 0 ? Day(new DateOnly(2019, 1, 1), 2000) : null,
                CreatedAt = App.Clock.GetUtcNow(), UpdatedAt = App.Clock.GetUtcNow(),
            };
            for (var n = random.Next(4); n > 0; n--)
            {
                var start = Day(new DateOnly(2018, 1, 1), 2800);
                DateOnly? end = random.Next(4) switch
                {
                    0 => null, // open-ended
                    1 => Today.AddDays(random.Next(0, 400)), // runs on
                    2 => Today.AddDays(-random.Next(1, 5)), // just ended
                    _ => start.AddDays(random.Next(10, 700)),
                };
                c.Assignments.Add(new Assignment { CandidateId = c.Id, ClientCompany = "Acme", JobTitle = "Operator", StartDate = start, EndDate = end, CollectedOn = start });
            }
            for (var n = random.Next(3); n > 0; n--)
            {
                var applied = Day(new DateOnly(2018, 1, 1), 3200);
                c.Applications.Add(new Application { CandidateId = c.Id, VacancyTitle = "V", AppliedOn = applied, CollectedOn = applied });
            }
            for (var n = random.Next(3); n > 0; n--)
            {
                // Late evening UTC: the next calendar day in Brussels.
                var received = new DateTimeOffset(Day(new DateOnly(2019, 1, 1), 2880).ToDateTime(new TimeOnly(random.Next(2) == 0 ? 23 : 10, 30)), TimeSpan.Zero);
                var day = BrusselsTime.ToBrusselsDate(received);
                c.ContactMessages.Add(new ContactMessage { CandidateId = c.Id, Subject = "q", Body = "b", ReceivedAt = received, CollectedOn = day });
            }
            if (random.Next(4) == 0)
            {
                var on = Day(new DateOnly(2019, 1, 1), 2800);
                c.Complaints.Add(new Complaint { CandidateId = c.Id, Subject = "c", Description = "d", ReceivedOn = on, CollectedOn = on });
            }
            c.WorkExperience.Add(new WorkExperience { CandidateId = c.Id, Employer = "E", JobTitle = "J", CollectedOn = new DateOnly(2018, 6, 1) });
            c.Documents.Add(new CandidateDocument { CandidateId = c.Id, Kind = DocumentKind.Cv, FileName = "cv.pdf", Content = [1], CollectedOn = new DateOnly(2018, 6, 1) });
            candidates.Add(c);
        }
        await App.WithDbAsync(async db =>
        {
            db.Candidates.AddRange(candidates);
            await db.SaveChangesAsync();
            return 0;
        });

        // One derivation: the aggregates from SQL equal those from the loaded candidate, and so do the facts.
        Dictionary<Guid, PersonActivity> fromSql;
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            await using var conn = await scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
            fromSql = await PersonFactsQuery.LoadAsync(conn, Today, CancellationToken.None);
        }
        foreach (var c in candidates)
        {
            var fromCandidate = PersonActivity.Of(c, Today);
            Assert.Equal(fromCandidate, fromSql[c.Id]);
            Assert.Equal(fromCandidate.Facts(Inactivity), fromSql[c.Id].Facts(Inactivity));
        }

        await using (var scope = App.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(false, CancellationToken.None);

        // The reference, written out from RET-9 and ER-2 rather than through PersonActivity.
        var careerEnded = 0;
        foreach (var c in candidates)
        {
            var contractRunning = c.EmploymentStatus == EmploymentStatus.Working || c.Assignments.Any(a => a.EndDate is null || a.EndDate >= Today);
            bool careerOngoing;
            if (c.CareerEndedOn is { } stated)
            {
                careerOngoing = stated >= Today;
            }
            else if (c.Assignments.Any(a => a.EndDate is null))
            {
                careerOngoing = true;
            }
            else
            {
                var signs = new List<DateOnly>();
                if (c.LastActivityOn is { } login)
                    signs.Add(login);
                signs.AddRange(c.Applications.Select(a => a.AppliedOn));
                signs.AddRange(c.Assignments.Select(a => a.EndDate!.Value));
                signs.AddRange(c.ContactMessages.Select(m => BrusselsTime.ToBrusselsDate(m.ReceivedAt)));
                signs.AddRange(c.Complaints.Select(m => m.ReceivedOn));
                careerOngoing = signs.Count == 0 || CalendarMath.AddPeriod(signs.Max(), Inactivity) >= Today;
            }

            var state = await App.WithDbAsync(async db => new
            {
                Email = await db.Candidates.IgnoreQueryFilters().Where(x => x.Id == c.Id).Select(x => x.Email).FirstAsync(),
                Career = await db.WorkExperience.IgnoreQueryFilters().AnyAsync(x => x.CandidateId == c.Id),
                Cv = await db.CandidateDocuments.IgnoreQueryFilters().AnyAsync(x => x.CandidateId == c.Id),
                Assignments = await db.Assignments.IgnoreQueryFilters().CountAsync(x => x.CandidateId == c.Id),
            });
            var why = $"candidate {c.FirstName}: contract running {contractRunning}, career ongoing {careerOngoing}";
            Assert.True(careerOngoing == state.Career, why + " (career data, RET-9)");
            Assert.True((careerOngoing || contractRunning) == (state.Email is not null), why + " (profile)");
            Assert.True((careerOngoing || contractRunning) == state.Cv, why + " (CV, ER-2)");
            if (contractRunning)
                Assert.True(c.Assignments.Count == state.Assignments, why + " (assignments, ER-2)");
            if (!careerOngoing)
                careerEnded++;
        }
        Assert.InRange(careerEnded, 1, candidates.Count - 1);
    }
}
