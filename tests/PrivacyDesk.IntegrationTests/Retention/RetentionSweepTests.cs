using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Retention;

namespace PrivacyDesk.IntegrationTests.Retention;

public sealed class RetentionSweepTests(AppFixture app) : IntegrationTest(app)
{
    // Today is 2026-11-23 (TestTime.DefaultNow). ASAP rules: surveys Collected+P24M (anonymise), professional e-mails Collected+P3Y,
    // contact-form messages CaseClosed+P1Y; a working person's career and contract have not ended, so the rest is kept.
    private sealed record Seeded(Guid CandidateId, Guid[] Expired, Guid[] Kept, Guid ExpiredSurvey, Guid KeptSurvey);

    private async Task<Seeded> SeedPersonAsync(string name)
    {
        var c = new Candidate
        {
            FirstName = name, LastName = "Sweep", Email = name.ToLowerInvariant() + "@example.be", Phone = "+32 470 00 00 00",
            EmploymentStatus = EmploymentStatus.Working, RegisteredOn = new DateOnly(2020, 1, 1),
            CreatedAt = App.Clock.GetUtcNow(), UpdatedAt = App.Clock.GetUtcNow(),
        };
        c.Assignments.Add(new Assignment { CandidateId = c.Id, ClientCompany = "Acme", JobTitle = "Operator", StartDate = new DateOnly(2024, 1, 1), CollectedOn = new DateOnly(2024, 1, 1) });
        var oldMail = new ProfessionalEmail { CandidateId = c.Id, SentAt = App.Clock.GetUtcNow().AddYears(-4), Subject = "old", Body = "b", CollectedOn = new DateOnly(2022, 11, 22) };
        var newMail = new ProfessionalEmail { CandidateId = c.Id, SentAt = App.Clock.GetUtcNow().AddYears(-1), Subject = "new", Body = "b", CollectedOn = new DateOnly(2023, 11, 23) }; // kept until 2026-11-23 inclusive
        var closedMessage = new ContactMessage { CandidateId = c.Id, Subject = "q", Body = "b", ReceivedAt = App.Clock.GetUtcNow().AddYears(-2), ClosedOn = new DateOnly(2024, 6, 1), CollectedOn = new DateOnly(2024, 5, 1) };
        var openMessage = new ContactMessage { CandidateId = c.Id, Subject = "q2", Body = "b", ReceivedAt = App.Clock.GetUtcNow().AddYears(-2), CollectedOn = new DateOnly(2024, 5, 1) };
        var oldSurvey = new SurveyAnswer { CandidateId = c.Id, SurveyName = "s", AnsweredOn = new DateOnly(2024, 1, 1), Comment = "great", CollectedOn = new DateOnly(2024, 1, 1) };
        var newSurvey = new SurveyAnswer { CandidateId = c.Id, SurveyName = "s", AnsweredOn = new DateOnly(2025, 1, 1), Comment = "fine", CollectedOn = new DateOnly(2025, 1, 1) };
        var scheduled = new PayrollRecord { CandidateId = c.Id, Year = 2020, Month = 1, Restricted = true, ScheduledErasureOn = new DateOnly(2026, 11, 22), CollectedOn = new DateOnly(2020, 1, 31) };
        var notYet = new PayrollRecord { CandidateId = c.Id, Year = 2020, Month = 2, Restricted = true, ScheduledErasureOn = new DateOnly(2026, 11, 24), CollectedOn = new DateOnly(2020, 2, 28) };
        c.ProfessionalEmails.AddRange([oldMail, newMail]);
        c.ContactMessages.AddRange([closedMessage, openMessage]);
        c.SurveyAnswers.AddRange([oldSurvey, newSurvey]);
        c.PayrollRecords.AddRange([scheduled, notYet]);
        await App.WithDbAsync(async db =>
        {
            db.Candidates.Add(c);
            await db.SaveChangesAsync();
            return 0;
        });
        return new Seeded(c.Id, [oldMail.Id, closedMessage.Id, scheduled.Id], [newMail.Id, openMessage.Id, notYet.Id, c.Assignments[0].Id], oldSurvey.Id, newSurvey.Id);
    }

    private async Task<RetentionSweep.Report> SweepAsync(bool dryRun = false)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(dryRun, CancellationToken.None);
    }

    private Task<HashSet<Guid>> ExistingIdsAsync(Guid candidateId) => App.WithDbAsync(async db =>
    {
        var ids = new List<Guid>();
        ids.AddRange(await db.ProfessionalEmails.IgnoreQueryFilters().Where(r => r.CandidateId == candidateId).Select(r => r.Id).ToListAsync());
        ids.AddRange(await db.ContactMessages.IgnoreQueryFilters().Where(r => r.CandidateId == candidateId).Select(r => r.Id).ToListAsync());
        ids.AddRange(await db.PayrollRecords.IgnoreQueryFilters().Where(r => r.CandidateId == candidateId).Select(r => r.Id).ToListAsync());
        ids.AddRange(await db.Assignments.IgnoreQueryFilters().Where(r => r.CandidateId == candidateId).Select(r => r.Id).ToListAsync());
        return ids.ToHashSet();
    });

    private async Task<LegalHold> HoldAsync(Guid candidateId)
    {
        var hold = LegalHold.Place(candidateId, true, [], LegalHoldReason.Litigation, "AR 26/123", "Labour court claim", "All data needed for the defence",
            "Final judgment plus appeal period", new DateOnly(2027, 3, 1), "dpo@test.local", App.Clock.GetUtcNow(), new DateOnly(2026, 11, 23));
        await App.WithDbAsync(async db =>
        {
            db.LegalHolds.Add(hold);
            await db.SaveChangesAsync();
            return 0;
        });
        return hold;
    }

    [Fact]
    public async Task Should_remove_exactly_the_expired_records_across_record_sets_and_nothing_under_hold_RET6_LH3()
    {
        await App.ImportPackAsync("asap");
        var free = await SeedPersonAsync("Free");
        var held = await SeedPersonAsync("Held");
        await HoldAsync(held.CandidateId);

        var report = await SweepAsync();

        var left = await ExistingIdsAsync(free.CandidateId);
        Assert.All(free.Expired, id => Assert.DoesNotContain(id, left));
        Assert.All(free.Kept, id => Assert.Contains(id, left));
        Assert.Equal(free.Kept.Length, left.Count);
        var heldLeft = await ExistingIdsAsync(held.CandidateId);
        Assert.All(held.Expired.Concat(held.Kept), id => Assert.Contains(id, heldLeft));
        await App.WithDbAsync(async db =>
        {
            // RET-10: the expired survey answer is anonymised (no comment), the recent one untouched.
            Assert.Null(await db.SurveyAnswers.Where(s => s.Id == free.ExpiredSurvey).Select(s => s.Comment).FirstAsync());
            Assert.Equal("fine", await db.SurveyAnswers.Where(s => s.Id == free.KeptSurvey).Select(s => s.Comment).FirstAsync());
            Assert.Equal("great", await db.SurveyAnswers.Where(s => s.Id == held.ExpiredSurvey).Select(s => s.Comment).FirstAsync());
            // RET-11: counts per rule and record set in the ledger; LH-8: blocked erasures on the audit trail.
            var ledger = await db.ErasureLedger.Where(l => l.CandidateId == free.CandidateId).ToListAsync();
            Assert.Contains(ledger, l => l.RecordSet == "ProfessionalEmails" && l.RuleCode == "asap-professional-emails-communication" && l.Action == LedgerAction.Deleted && l.Count == 1);
            Assert.Contains(ledger, l => l.RecordSet == "SurveyAnswers" && l.Action == LedgerAction.Anonymised && l.Count == 1);
            Assert.Contains(ledger, l => l.RecordSet == "PayrollRecords" && l.RuleCode == RetentionSweep.ScheduledRule && l.Count == 1);
            Assert.Empty(await db.ErasureLedger.Where(l => l.CandidateId == held.CandidateId).ToListAsync());
            Assert.True(await db.AuditEvents.CountAsync(e => e.Type == "hold.blocked-retention" && e.CandidateId == held.CandidateId) >= 3);
            return 0;
        });
        Assert.Equal(4, report.Total);
        Assert.Equal(4, report.BlockedByHold);

        var again = await SweepAsync();
        Assert.Equal(0, again.Total); // nothing left to do: a second run changes nothing
    }

    [Fact]
    public async Task Should_run_held_erasures_on_the_next_sweep_once_the_hold_is_lifted_LH7()
    {
        await App.ImportPackAsync("asap");
        var held = await SeedPersonAsync("Held");
        var hold = await HoldAsync(held.CandidateId);
        await SweepAsync();
        var whileHeld = await ExistingIdsAsync(held.CandidateId);
        Assert.All(held.Expired, id => Assert.Contains(id, whileHeld));

        await App.WithDbAsync(async db =>
        {
            var saved = await db.LegalHolds.FirstAsync(h => h.Id == hold.Id);
            saved.Lift("dpo@test.local", "claim settled", App.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            return 0;
        });
        var report = await SweepAsync();

        var left = await ExistingIdsAsync(held.CandidateId);
        Assert.All(held.Expired, id => Assert.DoesNotContain(id, left));
        Assert.All(held.Kept, id => Assert.Contains(id, left));
        Assert.Equal(4, report.Total);
    }

    [Fact]
    public async Task Should_defer_retention_while_an_access_request_is_open_ACC3()
    {
        await App.ImportPackAsync("asap");
        var person = await SeedPersonAsync("Asking");
        var candidate = await App.WithDbAsync(db => db.Candidates.IgnoreQueryFilters().FirstAsync(c => c.Id == person.CandidateId));
        await App.AddRequestAsync(candidate, RequestType.Access);

        var report = await SweepAsync();

        Assert.Equal(0, report.Total);
        Assert.Equal(4, report.FrozenByAccess);
        var left = await ExistingIdsAsync(person.CandidateId);
        Assert.All(person.Expired, id => Assert.Contains(id, left));
    }

    [Fact]
    public async Task Should_write_nothing_on_a_dry_run_RET11()
    {
        await App.ImportPackAsync("asap");
        var person = await SeedPersonAsync("Dry");
        var before = await ExistingIdsAsync(person.CandidateId);

        var report = await SweepAsync(dryRun: true);

        Assert.Equal(4, report.Total);
        Assert.Equal(before, await ExistingIdsAsync(person.CandidateId));
        Assert.Equal(0, await App.WithDbAsync(db => db.ErasureLedger.CountAsync()));
    }

    [Fact]
    public async Task Should_do_the_work_once_when_two_sweeps_run_in_parallel()
    {
        await App.ImportPackAsync("asap");
        var people = new List<Seeded>();
        for (var i = 0; i < 20; i++)
            people.Add(await SeedPersonAsync("P" + i));

        var reports = await Task.WhenAll(SweepAsync(), SweepAsync());

        Assert.Equal(people.Count * 4, reports.Sum(r => r.Total));
        var ledgerTotal = await App.WithDbAsync(db => db.ErasureLedger.SumAsync(l => l.Count));
        Assert.Equal(people.Count * 4, ledgerTotal);
        foreach (var person in people)
            Assert.Equal(person.Kept.Length, (await ExistingIdsAsync(person.CandidateId)).Count);
    }

    [Fact]
    public async Task Should_minimise_closed_case_files_after_the_case_file_retention_RET12()
    {
        await App.ImportPackAsync("asap");
        var old = await App.AddRequestAsync(null, RequestType.Access);
        var recent = await App.AddRequestAsync(null, RequestType.Access);
        await App.WithDbAsync(async db =>
        {
            foreach (var r in await db.Requests.ToListAsync())
                r.Withdraw(App.Clock.GetUtcNow(), "candidate");
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE requests SET closed_at = '2021-11-01T10:00:00Z' WHERE id = {old.Id}");
            return 0;
        });

        var report = await SweepAsync();

        Assert.Equal(1, report.CaseFilesMinimised);
        await App.WithDbAsync(async db =>
        {
            Assert.NotNull(await db.Requests.Where(r => r.Id == old.Id).Select(r => r.MinimisedAt).FirstAsync());
            Assert.Equal("", await db.Requests.Where(r => r.Id == old.Id).Select(r => r.RequesterEmail).FirstAsync());
            Assert.Null(await db.Requests.Where(r => r.Id == recent.Id).Select(r => r.MinimisedAt).FirstAsync());
            return 0;
        });
    }
}
