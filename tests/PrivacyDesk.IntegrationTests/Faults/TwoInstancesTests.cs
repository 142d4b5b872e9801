using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Features.Retention;
using Xunit.Abstractions;

namespace PrivacyDesk.IntegrationTests.Faults;

/// <summary>
/// Fault tests (docs/performance.md): "two app instances on one database: the sweep and the outbox each do their work
/// exactly once" — by construction: the sweep takes a session advisory lock, the dispatcher claims rows with
/// FOR UPDATE SKIP LOCKED. And: "SMTP server down for a while: every queued e-mail is delivered once it is
/// back, none twice", with two dispatchers racing while the server comes back.
/// </summary>
public sealed class TwoInstancesTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    private const int People = 300;
    private const int ExpiredPerPerson = 10;
    private const int Messages = 40;

    [Fact]
    public async Task Should_sweep_once_and_send_each_mail_once_when_two_instances_run_their_background_services_on_one_database()
    {
        await App.ImportPackAsync("asap");
        await SeedPeopleAsync();
        var ids = await QueueAsync(Messages);

        // Two hosts with the real background services (sweep at start-up, dispatcher every second), started together.
        WebApplicationFactory<Program> first, second;
        using (EnvironmentScope.Set(new Dictionary<string, string>
        {
            ["BackgroundServices__Enabled"] = "true",
            ["Mail__DispatchIntervalSeconds"] = "1",
        }))
        {
            first = App.Factory.WithWebHostBuilder(_ => { });
            second = App.Factory.WithWebHostBuilder(_ => { });
            await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));
        }
        try
        {
            Assert.Equal(2, new[] { first, second }.Count(f => f.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RetentionSweepService>().Any()));
            await Wait.UntilAsync(async () => await App.WithDbAsync(async db =>
                    !await db.Outbox.AnyAsync(m => m.SentAt == null)
                    && await db.ErasureLedger.SumAsync(l => l.Count) >= People * ExpiredPerPerson),
                TimeSpan.FromSeconds(40), "both instances to finish the sweep and the outbox");
            await Task.Delay(TimeSpan.FromSeconds(2)); // two more dispatcher ticks on each instance: room for a duplicate to show
        }
        finally
        {
            await Task.WhenAll(first.DisposeAsync().AsTask(), second.DisposeAsync().AsTask());
        }

        // Outbox: one .eml per message, each message in exactly one file.
        var files = Directory.GetFiles(App.MailPickupDirectory, "*.eml").Select(File.ReadAllText).ToList();
        Assert.Equal(Messages, files.Count);
        foreach (var id in ids)
            Assert.Equal(1, files.Sum(f => SmtpServer.Occurrences(f, "X-PrivacyDesk-Message: " + id)));

        // Sweep: every expired record erased once, one ledger row per person, the kept records still there, one sweep did the work.
        await App.WithDbAsync(async db =>
        {
            var ledger = await db.ErasureLedger.AsNoTracking().ToListAsync();
            Assert.Equal(People, ledger.Count);
            Assert.All(ledger, l => Assert.Equal(ExpiredPerPerson, l.Count));
            Assert.Equal(People, ledger.Select(l => l.CandidateId).Distinct().Count());
            Assert.Equal(People, await db.ProfessionalEmails.IgnoreQueryFilters().CountAsync());
            var sweeps = await db.AuditEvents.AsNoTracking().Where(e => e.Type == "retention.sweep").Select(e => e.Summary).ToListAsync();
            output.WriteLine($"{sweeps.Count} sweep run(s): {string.Join(" | ", sweeps)}");
            Assert.Single(sweeps, s => !s.Contains("nothing expired", StringComparison.Ordinal));
            return 0;
        });
    }

    [Fact]
    public async Task Should_deliver_every_queued_mail_exactly_once_when_the_SMTP_server_comes_back_while_two_dispatchers_race()
    {
        var port = Wait.FreePort();
        var transport = new SmtpMailTransport(Options.Create(new MailOptions { Host = "127.0.0.1", Port = port, From = "privacydesk@test.local" }));
        await using var first = App.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMailTransport>(transport)));
        await using var second = App.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMailTransport>(transport)));
        var ids = await QueueAsync(Messages);
        var dispatchers = new[] { first.Services.GetRequiredService<OutboxDispatcher>(), second.Services.GetRequiredService<OutboxDispatcher>() };

        SmtpServer? server = null;
        Task<SmtpServer>? starting = null;
        try
        {
            var sent = 0;
            for (var round = 0; round < 60 && sent < Messages; round++)
            {
                if (round == 2)
                    starting = SmtpServer.StartAsync(port); // the server comes back while the dispatchers are at work
                var results = await Task.WhenAll(dispatchers.Select(d => Task.Run(() => d.DispatchDueAsync(5, CancellationToken.None))));
                if (round < 2)
                    Assert.Equal(0, results.Sum()); // down: nothing sent, nothing lost
                sent += results.Sum();
                App.Clock.Advance(TimeSpan.FromMinutes(5)); // past every backoff so far
                if (starting is { IsCompleted: false } && round >= 2)
                    await Task.Delay(50);
            }
            server = await starting!;
            Assert.Equal(Messages, sent);

            await Wait.UntilAsync(() => Task.FromResult(ids.All(id => server.Count("X-PrivacyDesk-Message: " + id) > 0)),
                TimeSpan.FromSeconds(10), "the SMTP server to print every message");
            foreach (var id in ids)
                Assert.Equal(1, server.Count("X-PrivacyDesk-Message: " + id));
            var stored = await App.WithDbAsync(db => db.Outbox.AsNoTracking().ToListAsync());
            Assert.All(stored, m =>
            {
                Assert.NotNull(m.SentAt);
                Assert.False(m.FailedPermanently);
            });
            Assert.True(stored.Count(m => m.Attempts > 0) >= 20, "the outage should have made at least the first two batches of both dispatchers wait");
        }
        finally
        {
            if (server is null && starting is not null)
                server = await starting;
            if (server is not null)
                await server.DisposeAsync();
        }
    }

    private async Task SeedPeopleAsync()
    {
        // ASAP: professional e-mails are kept Collected + P3Y; a working person's profile and assignments are kept.
        var now = App.Clock.GetUtcNow();
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < People; i++)
            {
                var c = new Candidate
                {
                    FirstName = "Twin" + i, LastName = "Instances", Email = $"twin{i}@example.be", EmploymentStatus = EmploymentStatus.Working,
                    RegisteredOn = new DateOnly(2020, 1, 1), CreatedAt = now, UpdatedAt = now,
                };
                c.Assignments.Add(new Assignment { CandidateId = c.Id, ClientCompany = "Acme", JobTitle = "Operator", StartDate = new DateOnly(2024, 1, 1), CollectedOn = new DateOnly(2024, 1, 1) });
                for (var k = 0; k < ExpiredPerPerson; k++)
                    c.ProfessionalEmails.Add(new ProfessionalEmail { CandidateId = c.Id, SentAt = now.AddYears(-5), Subject = "old " + k, Body = "b", CollectedOn = new DateOnly(2021, 3, 1 + k) });
                c.ProfessionalEmails.Add(new ProfessionalEmail { CandidateId = c.Id, SentAt = now.AddMonths(-2), Subject = "new", Body = "b", CollectedOn = new DateOnly(2026, 9, 1) });
                db.Candidates.Add(c);
            }
            await db.SaveChangesAsync();
            return 0;
        });
    }

    private async Task<List<Guid>> QueueAsync(int count)
    {
        var ids = new List<Guid>();
        await App.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<EmailOutbox>();
            for (var i = 0; i < count; i++)
            {
                ids.Add(outbox.Queue("request-acknowledgement-registered", "en", $"person{i}@example.be", new Dictionary<string, string>
                {
                    ["Name"] = "P" + i, ["Reference"] = $"PD-2026-{i:000000}", ["Rights"] = "Access", ["ReceivedOn"] = "23/11/2026",
                    ["DueOn"] = "23/12/2026", ["StatusLink"] = "http://x/s", ["Controller"] = "ASAP",
                }).Id);
            }
            await sp.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
        });
        return ids;
    }
}
