using System.Net;
using FluentValidation;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.IntegrationTests.Faults;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.IntegrationTests.Portal;
using PrivacyDesk.Web.Infrastructure.Mediation;
using Serilog.Core;
using Serilog.Events;

namespace PrivacyDesk.IntegrationTests.Pipeline;

/// <summary>
/// Serilog.AspNetCore's request log: one event per request with the route template, and nothing a candidate typed
/// anywhere in the log (message, properties or exceptions).
/// </summary>
public sealed class RequestLogPrivacyTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_log_requests_by_route_template_and_never_what_the_candidate_typed()
    {
        await App.ImportPackAsync("asap");
        var sink = new CapturingSink();
        await using var host = App.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILogEventSink>(sink)));
        using var session = new HtmlSession(App, host);

        var fields = PortalTestKit.Valid("Access").With("Data.FirstName", "Zoltanka").With("Data.LastName", "Quirrelbaum").With("Data.Email", "zoltanka.q@example.be");
        var (response, _, _) = await PortalTestKit.SubmitNewAsync(session, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        const string token = "sEcReTtOkEn4711";
        await session.GetAsync("/Requests/Status?token=" + token);

        await Wait.UntilAsync(() => Task.FromResult(sink.Events.Count(IsRequestEvent) >= 3), TimeSpan.FromSeconds(10), "the request log events");
        var requests = sink.Events.Where(IsRequestEvent).ToList();
        Assert.Contains(requests, e => e.Properties["Route"].ToString().StartsWith("\"Requests/New", StringComparison.Ordinal) && e.Properties["RequestMethod"].ToString() == "\"POST\"");
        Assert.Contains(requests, e => e.Properties["Route"].ToString().StartsWith("\"Requests/Status", StringComparison.Ordinal));
        Assert.All(requests, e => Assert.False(e.Properties.ContainsKey("RequestPath"), "the raw path is not logged"));

        var everything = string.Join("\n", sink.Events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + " " + string.Join(" ", e.Properties.Values) + " " + e.Exception));
        foreach (var secret in new[] { "Zoltanka", "Quirrelbaum", "zoltanka.q@example.be", "470 12 34 56", "1990-04-17", token })
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Should_register_every_validator_once_as_a_singleton_unless_it_needs_something_per_request()
    {
        var services = new ServiceCollection();
        services.AddMediation(typeof(Program).Assembly);
        var registrations = services.Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidator<>)).ToList();
        var validators = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.IsVisible && typeof(IValidator).IsAssignableFrom(t))
            .ToList();

        Assert.True(validators.Count > 20, "the portal, staff and API commands have validators");
        Assert.Equal(validators.OrderBy(t => t.FullName), registrations.Select(d => d.ImplementationType!).OrderBy(t => t.FullName));
        Assert.All(registrations, d => Assert.Equal(MediatorRegistration.IsStateless(d.ImplementationType!) ? ServiceLifetime.Singleton : ServiceLifetime.Scoped, d.Lifetime));
        Assert.Contains(registrations, d => d.Lifetime == ServiceLifetime.Singleton);

        // And every one of them can be built by the app's container.
        using var scope = App.Factory.Services.CreateScope();
        foreach (var d in registrations)
            Assert.NotNull(scope.ServiceProvider.GetRequiredService(d.ServiceType));
    }

    private static bool IsRequestEvent(LogEvent e) => e.Properties.ContainsKey("Route") && e.Properties.ContainsKey("StatusCode");

    private sealed class CapturingSink : ILogEventSink
    {
        private readonly List<LogEvent> _events = [];

        public IReadOnlyList<LogEvent> Events
        {
            get
            {
                lock (_events) return _events.ToList();
            }
        }

        public void Emit(LogEvent logEvent)
        {
            lock (_events) _events.Add(logEvent);
        }
    }
}
