using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.IntegrationTests.Faults;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Mail;

namespace PrivacyDesk.IntegrationTests.Mail;

/// <summary>
/// How the dispatcher talks to the mail server: no database transaction open across network I/O, short SMTP
/// timeouts, each message marked sent on its own, and a Message-ID that stays the same when a message is resent.
/// </summary>
public sealed class MailDispatchTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_give_up_quickly_on_a_server_that_accepts_and_never_answers_without_holding_a_transaction()
    {
        // A real TCP server on loopback that accepts every connection and never says a word (not even the greeting).
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var acceptLoop = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await silent.AcceptTcpClientAsync(stop.Token);
                    lock (accepted) accepted.Add(client);
                }
            }
            catch (OperationCanceledException)
            {
                // Test over.
            }
        });
        var transport = new SmtpMailTransport(Options.Create(new MailOptions { Host = "127.0.0.1", Port = port, From = "privacydesk@test.local", TimeoutSeconds = 2 }));
        await using var factory = App.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMailTransport>(transport)));
        var ids = await QueueAsync(factory.Services, 5);

        // Watch the server while the dispatcher waits: no session of ours may sit "idle in transaction".
        var idleInTransaction = 0;
        var watching = true;
        var watcher = Task.Run(async () =>
        {
            await using var conn = new NpgsqlConnection(App.ConnectionString);
            await conn.OpenAsync();
            while (Volatile.Read(ref watching))
            {
                await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()", conn);
                idleInTransaction = Math.Max(idleInTransaction, Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
                await Task.Delay(50);
            }
        });

        var started = Stopwatch.StartNew();
        var sent = await factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(50, CancellationToken.None);
        started.Stop();
        Volatile.Write(ref watching, false);
        await watcher;
        await stop.CancelAsync();
        await acceptLoop;
        silent.Stop();
        lock (accepted)
        {
            foreach (var c in accepted)
                c.Dispose();
        }

        Assert.Equal(0, sent);
        Assert.Equal(0, idleInTransaction);
        // One timeout for the round (2 s), not one per message: the other four wait with the first.
        Assert.InRange(started.Elapsed.TotalSeconds, 1.5, 8);
        lock (accepted) Assert.Single(accepted);
        var stored = await App.WithDbAsync(db => db.Outbox.AsNoTracking().ToListAsync());
        Assert.Equal(ids.Order(), stored.Select(m => m.Id).Order());
        Assert.All(stored, m =>
        {
            Assert.Null(m.SentAt);
            Assert.Equal(1, m.Attempts);
            Assert.False(m.FailedPermanently);
            Assert.StartsWith(nameof(TimeoutException), m.LastError, StringComparison.Ordinal);
            Assert.True(m.NextAttemptAt > App.Clock.GetUtcNow()); // backs off, then is tried again
        });
    }

    [Fact]
    public async Task Should_mark_each_message_sent_as_soon_as_the_server_took_it()
    {
        // The transport looks at the table from another connection before each send: every earlier message must
        // already be recorded as sent (committed), so a crash or a database restart mid-batch cannot resend it.
        var observed = new List<int>();
        var transport = new ObservingTransport(App.ConnectionString, observed);
        await using var factory = App.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMailTransport>(transport)));
        await QueueAsync(factory.Services, 4);

        Assert.Equal(4, await factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(10, CancellationToken.None));

        Assert.Equal([0, 1, 2, 3], observed);
        Assert.True(await App.WithDbAsync(db => db.Outbox.AllAsync(m => m.SentAt != null)));
    }

    [Fact]
    public async Task Should_keep_the_same_Message_ID_when_a_message_is_written_again()
    {
        var ids = await QueueAsync(App.Factory.Services, 1);
        var message = await App.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync());
        var options = new MailOptions { From = "PrivacyDesk <privacy@agency.example>" };

        var first = SmtpMailTransport.Build(message, options).MessageId;
        var again = SmtpMailTransport.Build(message, options).MessageId;

        Assert.Equal(first, again);
        Assert.Equal($"{ids[0]:N}@agency.example", first);
        Assert.Equal(1, await App.Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(10, CancellationToken.None));
        var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(App.MailPickupDirectory, "*.eml")));
        Assert.Contains($"Message-Id: <{ids[0]:N}@", eml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\r\n\r\n", eml, StringComparison.Ordinal); // SMTP line ends, like a message a server received
    }

    [Fact]
    public async Task Should_send_the_whole_exchange_over_SMTP_with_MailKit_and_a_stable_Message_ID()
    {
        var port = Wait.FreePort();
        await using var server = await SmtpServer.StartAsync(port);
        var transport = new SmtpMailTransport(Options.Create(new MailOptions { Host = "127.0.0.1", Port = port, From = "privacydesk@test.local", TimeoutSeconds = 5 }));
        await using var factory = App.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMailTransport>(transport)));
        var ids = await QueueAsync(factory.Services, 2);

        Assert.Equal(2, await factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(10, CancellationToken.None));

        await Wait.UntilAsync(() => Task.FromResult(ids.All(id => server.Count(id.ToString("N") + "@test.local") > 0)), TimeSpan.FromSeconds(10), "the server to print both messages");
        foreach (var id in ids)
            Assert.Equal(1, server.Count("X-PrivacyDesk-Message: " + id));
    }

    private static async Task<List<Guid>> QueueAsync(IServiceProvider services, int count)
    {
        var ids = new List<Guid>();
        await using var scope = services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        for (var i = 0; i < count; i++)
        {
            var message = outbox.Queue("request-acknowledgement-registered", "en", $"person{i}@example.be", new Dictionary<string, string>
            {
                ["Name"] = "P" + i, ["Reference"] = $"PD-2026-{i:000000}", ["Rights"] = "Access", ["ReceivedOn"] = "23/11/2026",
                ["DueOn"] = "23/12/2026", ["StatusLink"] = "http://x/s", ["Controller"] = "ASAP",
            });
            message.CreatedAt = message.CreatedAt.AddMilliseconds(i - count); // in order, and all due now
            message.NextAttemptAt = message.CreatedAt;
            ids.Add(message.Id);
        }
        await scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
        return ids;
    }

    private sealed class ObservingTransport(string connectionString, List<int> observed) : IMailTransport
    {
        public async Task SendAsync(OutboxMessage message, CancellationToken ct)
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL", conn);
            observed.Add(Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
