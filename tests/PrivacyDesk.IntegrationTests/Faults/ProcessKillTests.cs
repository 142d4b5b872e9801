using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Execution;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Retention;
using Xunit.Abstractions;

namespace PrivacyDesk.IntegrationTests.Faults;

/// <summary>
/// Fault tests (docs/performance.md): "the app process killed during an erasure and during a sweep: after restart, the
/// work completes and the result equals an uninterrupted run." The work runs in a real app process
/// (<c>dotnet PrivacyDesk.Web.dll execute-request|sweep-retention</c>) on the test database; the test kills
/// it (SIGKILL, whole tree) while its transaction is open, runs the work again, and compares a canonical
/// dump of the people's data, the ledger and the suppression list with a control run that was not interrupted.
/// The child runs on the real clock, so the test clock is set to the real time for both runs.
/// </summary>
public sealed class ProcessKillTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    private const string ChildApplicationName = "privacydesk-fault-child";
    private const int SweepPeople = 400;
    private const int SweepExpiredPerPerson = 250;

    [Fact]
    public async Task Should_complete_an_erasure_killed_midway_with_the_same_result_as_an_uninterrupted_run_ER5()
    {
        // Control: the same person, the same request, carried out without interruption.
        var control = await PrepareErasureAsync();
        var result = await App.SendAsync(new ExecutePlan.Command { RequestId = control.Id }, Roles.BackOffice);
        Assert.Equal(RequestStatus.InExecution, result.Status); // ER-10: completes once its Art. 19 tasks are finished
        var expected = await CanonicalDump.OfAsync(App.ConnectionString);

        await App.ResetAsync();
        var request = await PrepareErasureAsync();
        var records = await App.CountRecordsAsync(request.CandidateId!.Value);
        var clock = Stopwatch.StartNew();
        await using (var process = AppProcess.Start(ChildEnvironment(), "execute-request", request.Id.ToString()))
        {
            // Killed while the erasure step's transaction is open: the start step has committed, the sub-request is
            // not executed yet, and the child's connection holds a transaction id (it has written).
            await Wait.UntilAsync(async () => process.HasExited || await ErasureStepInProgressAsync(request.Id),
                TimeSpan.FromSeconds(45), "the erasure step to be under way in the app process", pollMilliseconds: 5);
            Assert.False(process.HasExited, "The app process finished before it could be killed mid-erasure:\n" + process.Output);
            await process.KillAsync();
        }
        output.WriteLine($"app process killed mid-erasure after {clock.Elapsed.TotalSeconds:0.0} s ({records} records)");
        await ChildConnectionsGoneAsync();

        // After the crash: the step left no trace (one transaction), the request waits in execution.
        Assert.Equal(records, await App.CountRecordsAsync(request.CandidateId.Value));
        await App.WithDbAsync(async db =>
        {
            var saved = await db.Requests.AsNoTracking().FirstAsync(r => r.Id == request.Id);
            Assert.Equal(RequestStatus.InExecution, saved.Status);
            Assert.Null(Assert.Single(saved.SubRequests).ExecutedAt);
            Assert.Equal(0, await db.ErasureLedger.CountAsync());
            Assert.Equal(0, await db.Suppressions.CountAsync());
            return 0;
        });

        // Restart: the same command again finishes the work, and the result is the uninterrupted one.
        var resumed = await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);
        Assert.Equal(RequestStatus.InExecution, resumed.Status); // ER-10: completes once its Art. 19 tasks are finished
        var actual = await CanonicalDump.OfAsync(App.ConnectionString);
        Assert.Contains("suppression_entries (1)", actual, StringComparison.Ordinal);
        output.WriteLine(Summary(actual));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Should_complete_a_retention_sweep_killed_midway_with_the_same_result_as_an_uninterrupted_run_RET11()
    {
        // Control: the sweep over the same data, not interrupted.
        await PrepareSweepAsync();
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(dryRun: false, CancellationToken.None);
            Assert.Equal(SweepPeople * SweepExpiredPerPerson, report.Total);
        }
        var expected = await CanonicalDump.OfAsync(App.ConnectionString);

        await App.ResetAsync();
        await PrepareSweepAsync();
        var total = SweepPeople * SweepExpiredPerPerson;
        var clock = Stopwatch.StartNew();
        long erasedAtKill;
        await using (var process = AppProcess.Start(ChildEnvironment(), "sweep-retention"))
        {
            // Killed while the sweep works on the expired e-mails: the set-based sweep decides and erases a record
            // set in one transaction, so the kill lands inside it (or, on a fast run, after it committed).
            await Wait.UntilAsync(async () => process.HasExited || await LedgerTotalAsync() > 0 || await SweepTouchingEmailsAsync(),
                TimeSpan.FromSeconds(45), "the sweep to work on the expired e-mails in the app process", pollMilliseconds: 5);
            Assert.False(process.HasExited, "The sweep finished before it could be killed:\n" + process.Output);
            await process.KillAsync();
        }
        await ChildConnectionsGoneAsync();
        erasedAtKill = await LedgerTotalAsync();
        output.WriteLine($"sweep process killed after {clock.Elapsed.TotalSeconds:0.0} s with {erasedAtKill} of {total} records erased");
        Assert.InRange(erasedAtKill, 0, total);
        // Each committed chunk is whole: its deletions and its ledger rows, or neither.
        Assert.Equal(total - erasedAtKill, await App.WithDbAsync(db => db.ProfessionalEmails.IgnoreQueryFilters().CountAsync(e => e.Subject.StartsWith("old")))); 

        // Restart: the next sweep finishes the rest.
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(dryRun: false, CancellationToken.None);
            Assert.Equal(total - erasedAtKill, report.Total);
        }
        var actual = await CanonicalDump.OfAsync(App.ConnectionString);
        output.WriteLine(Summary(actual));
        Assert.Equal(expected, actual);
    }

    /// <summary>True while another backend runs a statement over professional_emails (the child app's sweep).</summary>
    private async Task<bool> SweepTouchingEmailsAsync()
    {
        await using var conn = new NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active' AND query ILIKE '%professional_emails%')", conn);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The table headers and ledger lines of a dump: what the comparison covered.</summary>
    private static string Summary(string dump) =>
        string.Join("\n", dump.Split('\n').Where(l => !l.StartsWith("  {", StringComparison.Ordinal)).Take(40));

    private async Task<DataSubjectRequest> PrepareErasureAsync()
    {
        App.Clock.Now = DateTimeOffset.UtcNow;
        await App.ImportPackAsync("asap");
        // A former worker with a long application history, so the erasure step runs long enough to be killed inside it.
        var worker = await App.AddFormerWorkerAsync(c =>
        {
            for (var i = 0; i < 3000; i++)
            {
                c.Applications.Add(new Application
                {
                    CandidateId = c.Id, VacancyTitle = "Vacancy " + i, VacancyReference = "V" + i, AppliedOn = new DateOnly(2021, 1, 1).AddDays(i % 900),
                    Status = "Rejected", Source = "web", Motivation = "Motivation " + i, ClosedOn = new DateOnly(2023, 6, 1), CollectedOn = new DateOnly(2021, 1, 1).AddDays(i % 900),
                });
            }
        });
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id);
        return request;
    }

    private async Task PrepareSweepAsync()
    {
        App.Clock.Now = DateTimeOffset.UtcNow;
        await App.ImportPackAsync("asap");
        var now = App.Clock.GetUtcNow();
        // ASAP: professional e-mails are kept Collected + P3Y; working people's profiles and assignments stay.
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < SweepPeople; i++)
            {
                var c = new Candidate
                {
                    FirstName = "Killed", LastName = $"Sweep{i:0000}", Email = $"sweep{i}@example.be", EmploymentStatus = EmploymentStatus.Working,
                    RegisteredOn = new DateOnly(2020, 1, 1), CreatedAt = now, UpdatedAt = now,
                };
                c.Assignments.Add(new Assignment { CandidateId = c.Id, ClientCompany = "Acme", JobTitle = "Operator", StartDate = new DateOnly(2024, 1, 1), CollectedOn = new DateOnly(2024, 1, 1) });
                c.ProfessionalEmails.Add(new ProfessionalEmail { CandidateId = c.Id, SentAt = now.AddMonths(-2), Subject = "new", Body = "b", CollectedOn = new DateOnly(2026, 9, 1) });
                db.Candidates.Add(c);
            }
            await db.SaveChangesAsync();
            return 0;
        });
        await using var conn = new NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO professional_emails (id, sent_at, from_address, to_address, subject, body, candidate_id, collected_on, restricted)
            SELECT gen_random_uuid(), timestamptz '2021-03-01 10:00+00', 'recruiter@asap.be', c.email, 'old ' || g, 'body ' || g, c.id,
                   date '2021-03-01' + (g % 200), false
            FROM candidates c CROSS JOIN generate_series(1, @n) g
            """, conn);
        insert.Parameters.AddWithValue("n", SweepExpiredPerPerson);
        await insert.ExecuteNonQueryAsync();
    }

    private Dictionary<string, string> ChildEnvironment() => new()
    {
        ["ConnectionStrings__PrivacyDesk"] = new NpgsqlConnectionStringBuilder(App.ConnectionString) { ApplicationName = ChildApplicationName }.ConnectionString,
        ["Database__MigrateOnStartup"] = "false",
        ["BackgroundServices__Enabled"] = "false",
        ["Demo__SeedOnStartup"] = "false",
        ["DataProtection__KeysPath"] = Environment.GetEnvironmentVariable("DataProtection__KeysPath") ?? throw new InvalidOperationException("The fixture sets DataProtection__KeysPath."),
        ["Mail__PickupDirectory"] = App.MailPickupDirectory,
        // The same key as the in-process app (its non-production default), so suppression hashes compare.
        ["Suppression__Key"] = "privacydesk-development-suppression-key",
    };

    private async Task<bool> ErasureStepInProgressAsync(Guid requestId)
    {
        await using var conn = new NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM requests WHERE id = @id AND status = 'InExecution')
               AND EXISTS (SELECT 1 FROM sub_requests WHERE request_id = @id AND executed_at IS NULL)
               AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = @app AND backend_xid IS NOT NULL)
            """, conn);
        cmd.Parameters.AddWithValue("id", requestId);
        cmd.Parameters.AddWithValue("app", ChildApplicationName);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<long> LedgerTotalAsync()
    {
        await using var conn = new NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT coalesce(sum(count), 0)::bigint FROM erasure_ledger", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>PostgreSQL notices the dead client and rolls its transaction back; wait for that before looking.</summary>
    private async Task ChildConnectionsGoneAsync() =>
        await Wait.UntilAsync(async () =>
        {
            await using var conn = new NpgsqlConnection(App.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @app", conn);
            cmd.Parameters.AddWithValue("app", ChildApplicationName);
            return (long)(await cmd.ExecuteScalarAsync())! == 0;
        }, TimeSpan.FromSeconds(15), "the killed process's database sessions to end");
}
