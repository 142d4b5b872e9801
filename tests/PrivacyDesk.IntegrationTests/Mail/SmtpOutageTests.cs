using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Mail;

namespace PrivacyDesk.IntegrationTests.Mail;

/// <summary>A real SMTP server (Debian's python3-aiosmtpd) that is down first and up later.</summary>
public sealed class SmtpOutageTests(AppFixture app) : IntegrationTest(app)
{
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task Should_delay_mail_during_an_smtp_outage_and_then_send_each_message_exactly_once()
    {
        var port = FreePort();
        await using var factory = App.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IMailTransport>(new SmtpMailTransport(Options.Create(new MailOptions { Host = "127.0.0.1", Port = port, From = "privacydesk@test.local" })))));
        var ids = new List<Guid>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
            for (var i = 0; i < 3; i++)
            {
                ids.Add(outbox.Queue("request-acknowledgement-registered", "en", $"person{i}@example.be", new Dictionary<string, string>
                {
                    ["Name"] = "P" + i, ["Reference"] = $"PD-2026-00000{i}", ["Rights"] = "Access", ["ReceivedOn"] = "23/11/2026",
                    ["DueOn"] = "23/12/2026", ["StatusLink"] = "http://x/s", ["Controller"] = "ASAP",
                }).Id);
            }
            await scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
        }
        var dispatcher = factory.Services.GetRequiredService<OutboxDispatcher>();

        // The server is down: nothing is sent, nothing is lost, each message waits with a backoff.
        Assert.Equal(0, await dispatcher.DispatchDueAsync(10, CancellationToken.None));
        var waiting = await App.WithDbAsync(db => db.Outbox.AsNoTracking().ToListAsync());
        Assert.All(waiting, m =>
        {
            Assert.Null(m.SentAt);
            Assert.Equal(1, m.Attempts);
            Assert.False(m.FailedPermanently);
            Assert.True(m.NextAttemptAt > App.Clock.GetUtcNow());
        });
        Assert.Equal(0, await dispatcher.DispatchDueAsync(10, CancellationToken.None)); // not due yet: no hammering

        var output = new StringBuilder();
        using var server = Process.Start(new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3", $"-u -m aiosmtpd -n -l 127.0.0.1:{port}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        server.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            await WaitForPortAsync(port);
            App.Clock.Advance(TimeSpan.FromMinutes(1));

            Assert.Equal(3, await dispatcher.DispatchDueAsync(10, CancellationToken.None));
            Assert.Equal(0, await dispatcher.DispatchDueAsync(10, CancellationToken.None));
            App.Clock.Advance(TimeSpan.FromHours(2));
            Assert.Equal(0, await dispatcher.DispatchDueAsync(10, CancellationToken.None));

            var deadline = DateTime.UtcNow.AddSeconds(10);
            string received;
            do
            {
                await Task.Delay(100);
                lock (output) received = output.ToString();
            }
            while (ids.Any(id => !received.Contains(id.ToString(), StringComparison.Ordinal)) && DateTime.UtcNow < deadline);
            foreach (var id in ids)
                Assert.Equal(1, Occurrences(received, "X-PrivacyDesk-Message: " + id));
            Assert.True(await App.WithDbAsync(db => db.Outbox.AllAsync(m => m.SentAt != null)));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    // Debian's python3-aiosmtpd lives beside the system interpreter, which may not be the first python3 on PATH.
    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
