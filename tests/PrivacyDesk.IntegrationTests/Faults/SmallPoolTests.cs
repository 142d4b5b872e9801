using System.Net;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.IntegrationTests.Portal;
using PrivacyDesk.Web.Features.Api;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.IntegrationTests.Faults;

/// <summary>
/// Regression (docs/performance.md): a request inside its transaction holds a pooled connection, so anything it calls must not wait
/// for a second one (the controller-profile cache and the holiday calendar once did: with every connection held by
/// such requests the pool deadlocked until its timeout, seen in the intake bench at 64 clients on a 16-connection
/// pool). Here the pool has 2 connections, a 5-second timeout and rounds of 12 concurrent submissions: API and portal
/// form with every cache cold (a fresh app), then API only and form only, each with the controller profile's cache expired.
/// </summary>
public sealed class SmallPoolTests(AppFixture app) : IntegrationTest(app)
{
    private const int Clients = 12;

    [Fact]
    public async Task Should_take_every_concurrent_submission_on_a_two_connection_pool_with_cold_and_expired_caches()
    {
        await App.ImportPackAsync("asap");
        await App.WithDbAsync(async db =>
        {
            Assert.True(await db.ControllerProfiles.AnyAsync(), "the pack should bring a controller profile, so that the cache holds one");
            return 0;
        });

        WebApplicationFactory<Program> host;
        var small = new NpgsqlConnectionStringBuilder(App.ConnectionString) { MaxPoolSize = 2, Timeout = 5, ApplicationName = "small-pool" }.ConnectionString;
        using (EnvironmentScope.Set(new Dictionary<string, string> { ["ConnectionStrings__PrivacyDesk"] = small }))
        {
            host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Testing")
                .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(App.Clock)));
            _ = host.Services; // built here, while the environment names the small pool
        }
        await using (host)
        {
            string key;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(CurrentUser.SystemPrincipal("test-admin", Roles.Admin));
                key = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateApiKey.Command { Name = "small-pool", Role = Roles.Intake })).Key;
            }
            using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            client.Timeout = TimeSpan.FromSeconds(60);
            client.DefaultRequestHeaders.Add("X-Api-Key", key);

            var forms = Enumerable.Range(0, Clients).Select(_ => new HtmlSession(App, host)).ToList();
            var pages = await Task.WhenAll(forms.Select(async f => (await f.GetAsync("/Requests/New")).Document));

            var results = new List<(HttpStatusCode Status, string Body)>();
            results.AddRange(await SubmitAsync(client, forms, pages, "cold", i => i % 2 == 1));
            // Then the controller profile's one-minute cache expired, once under API load only, once under form load only.
            App.Clock.Advance(TimeSpan.FromMinutes(2));
            results.AddRange(await SubmitAsync(client, forms, pages, "api", _ => false));
            App.Clock.Advance(TimeSpan.FromMinutes(2));
            results.AddRange(await SubmitAsync(client, forms, pages, "form", _ => true));

            Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.Redirect, $"{r.Status}: {r.Body}"));
            forms.ForEach(f => f.Dispose());
        }
        var stored = await App.WithDbAsync(db => db.Requests.CountAsync(r => r.RequesterEmail.StartsWith("pool-")));
        Assert.Equal(3 * Clients, stored);
    }

    /// <summary>Every client at once: those <paramref name="byForm"/> picks post the portal form, the others the API.</summary>
    private static async Task<(HttpStatusCode Status, string Body)[]> SubmitAsync(HttpClient api, List<HtmlSession> forms, AngleSharp.Html.Dom.IHtmlDocument[] pages,
        string round, Func<int, bool> byForm) =>
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async i =>
        {
            var email = $"pool-{round}-{i}@example.be";
            if (byForm(i))
            {
                var fields = PortalTestKit.Valid("Access").With("Data.Email", email).With("Data.SubmissionKey", Guid.NewGuid().ToString());
                var (posted, page) = await PortalTestKit.PostFormAsync(forms[i], pages[i], fields);
                return (posted.StatusCode, posted.StatusCode == HttpStatusCode.Redirect ? "" : page.Body?.TextContent ?? "");
            }
            var body = $$"""
                { "types": ["Access"], "channel": "Api", "language": "nl",
                  "requester": { "firstName": "Pool", "lastName": "Test{{i}}", "email": "{{email}}" } }
                """;
            using var response = await api.PostAsync(new Uri("/api/v1/requests", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }));
}
