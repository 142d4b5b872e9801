using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Api;
using PrivacyDesk.Web.Infrastructure.Database;
using PrivacyDesk.Web.Infrastructure.Security;
using Xunit.Abstractions;

namespace PrivacyDesk.IntegrationTests.Faults;

/// <summary>
/// Fault tests (docs/performance.md): "PostgreSQL stopped for 10 s in the middle of a submission load and started again:
/// every submission that got a success response exists exactly once; the app recovers by itself and answers
/// /health/ready again; failed submissions got a clear error page or problem response."
/// The app runs on real Kestrel over its own throwaway cluster (not the shared test cluster), which the test
/// stops with pg_ctl -m fast and starts again on the same port.
/// </summary>
public sealed partial class DatabaseOutageTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    private const int Clients = 16;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan StopAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(10);

    private sealed record Submission(int Index, string Key, string Email, int? Status, Guid? Id, string? Reference, string? ContentType, string? Body, string? Error, double At);

    [Fact]
    public async Task Should_store_each_acknowledged_submission_exactly_once_and_recover_by_itself_when_PostgreSQL_stops_for_10_s()
    {
        var root = Path.Combine(Path.GetTempPath(), "privacydesk-outage-" + Guid.NewGuid().ToString("N")[..8]);
        var dataDirectory = Path.Combine(root, "pg");
        var cluster = await LocalPostgresCluster.StartAsync(dataDirectory, "privacydesk_outage", throwaway: true);
        var connectionString = cluster.ConnectionString("privacydesk_outage");
        WebApplicationFactory<Program>? host = null;
        var port = Wait.FreePort();
        try
        {
            using (EnvironmentScope.Set(new Dictionary<string, string>
            {
                ["ConnectionStrings__PrivacyDesk"] = connectionString,
                ["Database__MigrateOnStartup"] = "true",
                ["Mail__PickupDirectory"] = Path.Combine(root, "mail"),
                ["DataProtection__KeysPath"] = Path.Combine(root, "keys"),
                // EF logs every failed command at Error level: thousands of lines during the outage slow the run down.
                ["Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore"] = "Fatal",
            }))
            {
                // WebApplicationFactory.UseKestrel(port) leaves Kestrel on its default http://localhost:5000 here (seen in the
                // log), which the shared BrowserHost or another run may hold: listen on an explicit free loopback port instead.
                host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Testing")
                    .ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port)));
                host.UseKestrel();
                host.StartServer();
            }
            var baseUrl = new Uri($"http://127.0.0.1:{port}/");
            string apiKey;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(CurrentUser.SystemPrincipal("test-admin", Roles.Admin));
                apiKey = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateApiKey.Command { Name = "outage-load", Role = Roles.Intake })).Key;
            }

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients * 2, UseCookies = false })
            {
                BaseAddress = baseUrl,
                Timeout = TimeSpan.FromSeconds(20),
            };
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            using var browser = new HttpClient(new SocketsHttpHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(20) };
            var loginForm = await browser.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

            // The load: N clients, each posting distinct people, for ~25 s.
            var clock = Stopwatch.StartNew();
            var submissions = new ConcurrentBag<Submission>();
            var next = 0;
            var load = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                while (clock.Elapsed < LoadDuration)
                {
                    var i = Interlocked.Increment(ref next);
                    var s = await SubmitAsync(http, i, "key-" + i, clock);
                    submissions.Add(s);
                    if (s.Status != 201)
                        await Task.Delay(50); // a client that backs off a little, as real ones do
                }
            })).ToList();

            // The fault: stop the server after ~5 s, keep it down 10 s, start it again.
            await Task.Delay(StopAfter);
            var stopped = clock.Elapsed;
            await cluster.StopAsync();
            var readyWhileDown = new List<int>();
            int? pageWhileDown = null;
            string? pageBodyWhileDown = null;
            while (clock.Elapsed - stopped < Downtime)
            {
                readyWhileDown.Add((int)(await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
                if (pageWhileDown is null)
                {
                    // A page that needs the database (staff sign-in looks the user up): the friendly error page, not a 500.
                    using var page = await PostLoginAsync(browser, loginForm);
                    pageWhileDown = (int)page.StatusCode;
                    pageBodyWhileDown = await page.Content.ReadAsStringAsync();
                }
                await Task.Delay(500);
            }
            var restarted = await LocalPostgresCluster.StartAsync(dataDirectory, "privacydesk_outage", throwaway: true);
            Assert.Equal(cluster.Port, restarted.Port); // the app keeps its connection string: same port
            var startedAgain = clock.Elapsed;
            await Task.WhenAll(load);

            // Recovery by itself: /health/ready answers 200 again and a new submission succeeds.
            await Wait.UntilAsync(async () => (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30), "/health/ready to answer 200 after the restart");
            var after = await SubmitAsync(http, 0, "key-after", clock);
            Assert.True(after.Status == 201, $"A submission after the restart failed: {after.Status} {after.Error} {after.Body}");

            var all = submissions.ToList();
            var acknowledged = all.Where(s => s.Status == 201).ToList();
            var failed = all.Where(s => s.Status != 201).ToList();
            output.WriteLine($"{all.Count} submissions in {LoadDuration.TotalSeconds:0} s by {Clients} clients: {acknowledged.Count} acknowledged (201), "
                + $"{failed.Count} failed ({string.Join(", ", failed.GroupBy(f => f.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? f.Error).Select(g => $"{g.Key}: {g.Count()}"))}); "
                + $"database stopped at {stopped.TotalSeconds:0.0} s, started at {startedAgain.TotalSeconds:0.0} s; /health/ready while down: {string.Join(",", readyWhileDown.Distinct())}; "
                + $"sign-in page while down: {pageWhileDown}");

            Assert.True(acknowledged.Count(s => s.At < stopped.TotalSeconds) > 0, "no submission succeeded before the outage: the load did not run");
            Assert.True(failed.Count > 0, "no submission failed: the outage did not happen during the load");
            Assert.True(acknowledged.Count(s => s.At > startedAgain.TotalSeconds) > 0, "no submission succeeded after the restart within the load");
            Assert.Contains(503, readyWhileDown);
            Assert.All(readyWhileDown, s => Assert.True(s is 503 or 200, $"/health/ready answered {s} during the outage"));
            Assert.Equal(503, pageWhileDown);
            Assert.Contains("<html", pageBodyWhileDown!, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Exception", pageBodyWhileDown!, StringComparison.Ordinal);

            foreach (var odd in failed.Where(f => f.Status is not null and not 503).Take(3))
                output.WriteLine($"unexpected answer {odd.Status}: {odd.Body}");

            // Every failure is a clear problem response (503 problem+json with a readable title, no stack trace) or a connection error.
            foreach (var f in failed.Where(f => f.Status is not null))
            {
                Assert.True(f.Status == 503, $"Submission {f.Index} got {f.Status} during the outage: {f.Body}");
                Assert.Equal("application/problem+json", f.ContentType);
                var problem = JsonNode.Parse(f.Body!)!;
                Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]), $"no title: {f.Body}");
                Assert.Equal(503, (int)problem["status"]!);
                Assert.DoesNotContain("Exception", f.Body!, StringComparison.Ordinal);
                Assert.DoesNotMatch(StackFrame(), f.Body!);
            }

            // Every 201 exists exactly once, under the id and reference it returned.
            var rows = await RequestsAsync(connectionString);
            foreach (var s in acknowledged)
            {
                Assert.True(rows.TryGetValue(s.Email, out var stored), $"Submission {s.Index} got 201 ({s.Reference}) but is not in the database");
                Assert.Single(stored);
                Assert.Equal(s.Id, stored[0].Id);
                Assert.Equal(s.Reference, stored[0].Reference);
            }
            Assert.All(rows, r => Assert.Single(r.Value));
            var storedButNotAcknowledged = failed.Count(f => rows.ContainsKey(f.Email));
            output.WriteLine($"{storedButNotAcknowledged} failed submission(s) had committed just before the connection broke (retries below must not duplicate them).");

            // A client that retries its failed submissions with the same Idempotency-Key ends with each person exactly once.
            await Parallel.ForEachAsync(failed, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (f, _) =>
            {
                var retry = await SubmitAsync(http, f.Index, f.Key, clock);
                Assert.True(retry.Status == 201, $"Retry of submission {f.Index} got {retry.Status} {retry.Error} {retry.Body}");
            });
            rows = await RequestsAsync(connectionString);
            Assert.Equal(all.Count + 1, rows.Count);
            Assert.All(all, s => Assert.Single(rows[s.Email]));
        }
        finally
        {
            if (host is not null)
                await host.DisposeAsync();
            await cluster.StopAsync();
            TryDelete(root);
        }
    }

    private static async Task<Submission> SubmitAsync(HttpClient http, int index, string key, Stopwatch clock)
    {
        var email = $"outage{index}@example.be";
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/requests", UriKind.Relative))
        {
            Content = JsonContent.Create(new
            {
                types = new[] { "Access" },
                channel = "Api",
                language = "en",
                requester = new { firstName = "Outage", lastName = "Person" + index, email },
            }),
        };
        message.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await http.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            Guid? id = null;
            string? reference = null;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var view = JsonNode.Parse(body)!;
                id = Guid.Parse((string)view["id"]!);
                reference = (string?)view["reference"];
            }
            return new Submission(index, key, email, (int)response.StatusCode, id, reference, response.Content.Headers.ContentType?.MediaType, body, null, clock.Elapsed.TotalSeconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new Submission(index, key, email, null, null, null, null, null, ex.GetType().Name, clock.Elapsed.TotalSeconds);
        }
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string loginForm)
    {
        var token = AntiforgeryToken().Match(loginForm).Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Data.Email"] = "nobody@privacydesk.local",
            ["Data.Password"] = "not-the-password-123",
        };
        return await browser.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    private static async Task<Dictionary<string, List<(Guid Id, string Reference)>>> RequestsAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT requester_email, id, reference FROM requests", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new Dictionary<string, List<(Guid, string)>>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync())
        {
            var email = reader.GetString(0);
            if (!rows.TryGetValue(email, out var list))
                rows[email] = list = [];
            list.Add((reader.GetGuid(1), reader.GetString(2)));
        }
        return rows;
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Files owned by the postgres user may resist; the OS temp cleaner takes them.
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex(@"\bat [A-Za-z_.]+\(")]
    private static partial Regex StackFrame();
}
