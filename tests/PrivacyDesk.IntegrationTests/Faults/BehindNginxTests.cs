using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static PrivacyDesk.IntegrationTests.Portal.PortalTestKit;

namespace PrivacyDesk.IntegrationTests.Faults;

/// <summary>
/// Several instances behind a reverse proxy, end to end: two app instances (real Kestrel ports, their background
/// services on) on one database behind Debian's nginx on loopback, balancing round-robin. The candidate's journey
/// (form, e-mail verification, status page) and a DPO decision succeed while consecutive requests alternate between
/// the instances (antiforgery tokens and cookies from the key ring in PostgreSQL), and the outbox and the retention
/// sweep, running on both instances, do their work exactly once.
/// </summary>
public sealed class BehindNginxTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    private const int People = 40;
    private const int ExpiredPerPerson = 3;

    [Fact]
    public async Task Should_serve_the_candidate_journey_and_a_DPO_decision_alternately_from_two_instances_and_send_and_sweep_once()
    {
        await App.ImportPackAsync("asap");
        var seeded = await SeedExpiredAsync();
        var candidate = await App.AddCandidateAsync(c =>
        {
            c.Email = "an.peeters@example.be";
            c.DateOfBirth = new DateOnly(1990, 4, 17);
        });

        var ports = new[] { Wait.FreePort(), Wait.FreePort() };
        var instances = new List<WebApplicationFactory<Program>>();
        NginxProxy? nginx = null;
        var served = new ServedBy();
        try
        {
            using (EnvironmentScope.Set(new Dictionary<string, string>
            {
                ["BackgroundServices__Enabled"] = "true",
                ["Mail__DispatchIntervalSeconds"] = "1",
                ["ForwardedHeaders__KnownProxies"] = "127.0.0.1",
            }))
            {
                foreach (var port in ports)
                    instances.Add(StartInstance(port));
            }
            nginx = await NginxProxy.StartAsync(ports);

            using var candidateSession = new HtmlSession(App, Client(nginx, served));
            using var dpoSession = new HtmlSession(App, Client(nginx, served));

            // The candidate's journey: the form (rendered by one instance, posted to the other), the verification link, the status page.
            var (submittedResponse, _, _) = await SubmitNewAsync(candidateSession, Valid("Access"));
            Assert.Equal(HttpStatusCode.Redirect, submittedResponse.StatusCode);
            Assert.Contains("/Requests/Submitted", submittedResponse.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var request = await App.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync());
            var verifyUrl = await LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Verify", request.Id);
            var statusUrl = await LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Status", request.Id);
            var (_, verifyPage) = await candidateSession.GetAsync(verifyUrl);
            var (verified, _) = await PostFormAsync(candidateSession, verifyPage, []);
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
            var afterVerify = await App.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync());
            Assert.Equal(IdentityStatus.Verified, afterVerify.IdentityStatus);
            Assert.Equal(candidate.Id, afterVerify.CandidateId);

            // The DPO signs in (login form and its post on different instances) and approves.
            await dpoSession.SignInAsync(Roles.Dpo);
            var (detailsResponse, details) = await dpoSession.GetAsync($"/Dpo/Requests/Details?id={request.Id}");
            Assert.Equal(HttpStatusCode.OK, detailsResponse.StatusCode);
            var (decided, _) = await dpoSession.SubmitAsync(details, new Dictionary<string, string> { ["Outcome"] = "Approved" }, "form.decide-form");
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
            Assert.Equal(RequestStatus.Approved, (await App.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync())).Status);

            var (statusResponse, statusPage) = await candidateSession.GetAsync(statusUrl);
            Assert.Equal(HttpStatusCode.OK, statusResponse.StatusCode);
            Assert.Contains(request.Reference, statusPage.Body!.TextContent, StringComparison.Ordinal);

            // Round-robin through nginx: both instances served, and no two consecutive requests went to the same one
            // (so every form was posted to the instance that had not rendered it).
            var upstreams = served.Upstreams;
            output.WriteLine(string.Join(Environment.NewLine, served.Lines));
            Assert.True(upstreams.Count >= 8, $"the journey and the decision made {upstreams.Count} requests");
            Assert.Equal(ports.Select(p => $"127.0.0.1:{p}").Order(), upstreams.Distinct().Order());
            for (var i = 1; i < upstreams.Count; i++)
                Assert.NotEqual(upstreams[i - 1], upstreams[i]);

            // Both dispatchers ran on the outbox; both instances ran the sweep at start-up.
            await Wait.UntilAsync(async () => await App.WithDbAsync(async db =>
                    !await db.Outbox.AnyAsync(m => m.SentAt == null)
                    && await db.ErasureLedger.Where(l => seeded.Contains(l.CandidateId)).SumAsync(l => l.Count) >= People * ExpiredPerPerson),
                TimeSpan.FromSeconds(40), "the instances to send the outbox and finish the sweep");
            await Task.Delay(TimeSpan.FromSeconds(2)); // two more dispatcher ticks on each instance: room for a duplicate to show
        }
        finally
        {
            if (nginx is not null)
                await nginx.DisposeAsync();
            await Task.WhenAll(instances.Select(i => i.DisposeAsync().AsTask()));
        }

        // Outbox: every message (acknowledgement, verification, decision) in exactly one .eml.
        var messages = await App.WithDbAsync(db => db.Outbox.AsNoTracking().Select(m => new { m.Id, m.Template }).ToListAsync());
        Assert.Contains(messages, m => m.Template == "staff-approved");
        var files = Directory.GetFiles(App.MailPickupDirectory, "*.eml").Select(File.ReadAllText).ToList();
        Assert.Equal(messages.Count, files.Count);
        foreach (var message in messages)
            Assert.Equal(1, files.Sum(f => SmtpServer.Occurrences(f, "X-PrivacyDesk-Message: " + message.Id)));

        // Sweep (retention rules, gdpr-rules RET): every expired record erased once, one ledger row per person, one sweep did the work.
        await App.WithDbAsync(async db =>
        {
            var ledger = await db.ErasureLedger.AsNoTracking().ToListAsync();
            var ofSeeded = ledger.Where(l => seeded.Contains(l.CandidateId)).ToList();
            Assert.Equal(People, ofSeeded.Count);
            Assert.Equal(People, ofSeeded.Select(l => l.CandidateId).Distinct().Count()); // nobody's records erased twice
            Assert.All(ofSeeded, l => Assert.Equal(ExpiredPerPerson, l.Count));
            var sweeps = await db.AuditEvents.AsNoTracking().Where(e => e.Type == "retention.sweep").Select(e => e.Summary).ToListAsync();
            output.WriteLine($"{sweeps.Count} sweep run(s): {string.Join(" | ", sweeps)}");
            Assert.Single(sweeps, s => !s.Contains("nothing expired", StringComparison.Ordinal));
            return 0;
        });
    }

    private WebApplicationFactory<Program> StartInstance(int port)
    {
        var instance = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
            b.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(App.Clock));
        });
        instance.UseKestrel();
        instance.StartServer();
        return instance;
    }

    private static HttpClient Client(NginxProxy nginx, ServedBy served) =>
        new(new ServedByHandler(served) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() } })
        {
            BaseAddress = new Uri(nginx.BaseUrl),
        };

    private async Task<List<Guid>> SeedExpiredAsync()
    {
        // ASAP: professional e-mails are kept Collected + P3Y; a working person's profile and assignments are kept.
        var now = App.Clock.GetUtcNow();
        var ids = new List<Guid>();
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < People; i++)
            {
                var c = new Candidate
                {
                    FirstName = "Proxied" + i, LastName = "Instances", Email = $"proxied{i}@example.be", EmploymentStatus = EmploymentStatus.Working,
                    RegisteredOn = new DateOnly(2020, 1, 1), CreatedAt = now, UpdatedAt = now,
                };
                c.Assignments.Add(new Assignment { CandidateId = c.Id, ClientCompany = "Acme", JobTitle = "Operator", StartDate = new DateOnly(2024, 1, 1), CollectedOn = new DateOnly(2024, 1, 1) });
                for (var k = 0; k < ExpiredPerPerson; k++)
                    c.ProfessionalEmails.Add(new ProfessionalEmail { CandidateId = c.Id, SentAt = now.AddYears(-5), Subject = "old " + k, Body = "b", CollectedOn = new DateOnly(2021, 3, 1 + k) });
                db.Candidates.Add(c);
                ids.Add(c.Id);
            }
            await db.SaveChangesAsync();
            return 0;
        });
        return ids;
    }

    /// <summary>The X-Upstream header nginx adds to each answer, in request order.</summary>
    private sealed class ServedBy
    {
        private readonly Lock _lock = new();
        private readonly List<(string Request, string Upstream)> _served = [];

        public void Add(string request, string upstream)
        {
            lock (_lock)
                _served.Add((request, upstream));
        }

        public List<string> Upstreams
        {
            get
            {
                lock (_lock)
                    return _served.Select(s => s.Upstream).ToList();
            }
        }

        public List<string> Lines
        {
            get
            {
                lock (_lock)
                    return _served.Select(s => $"{s.Upstream}  {s.Request}").ToList();
            }
        }
    }

    private sealed class ServedByHandler(ServedBy served) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var upstream = response.Headers.TryGetValues("X-Upstream", out var values) ? string.Join(",", values) : "(none)";
            served.Add($"{request.Method} {request.RequestUri?.AbsolutePath} -> {(int)response.StatusCode}", upstream);
            return response;
        }
    }
}
