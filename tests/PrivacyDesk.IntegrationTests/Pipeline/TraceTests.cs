using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.IntegrationTests.Portal;
using Xunit.Abstractions;

namespace PrivacyDesk.IntegrationTests.Pipeline;

/// <summary>
/// OpenTelemetry: one portal submission, exported in memory, shows the HTTP server span, the MediatR handler span
/// and the SQL spans of one trace, and no tag carries what the candidate typed.
/// </summary>
public sealed class TraceTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_trace_a_portal_submission_through_HTTP_MediatR_and_SQL_without_personal_data()
    {
        await App.ImportPackAsync("asap");
        var spans = new List<Activity>();
        await using var host = App.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))));
        using var session = new HtmlSession(App, host);
        var fields = PortalTestKit.Valid("Access").With("Data.FirstName", "Zoltanka").With("Data.LastName", "Quirrelbaum").With("Data.Email", "zoltanka.q@example.be");

        var (response, _, _) = await PortalTestKit.SubmitNewAsync(session, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        List<Activity> all;
        lock (spans) all = spans.ToList();
        var post = Assert.Single(all, a => a.Kind == ActivityKind.Server && a.GetTagItem("http.request.method") as string == "POST");
        Assert.StartsWith("Requests/New", post.GetTagItem("http.route") as string, StringComparison.Ordinal);
        var trace = all.Where(a => a.TraceId == post.TraceId).ToList();
        foreach (var a in trace)
            output.WriteLine($"{a.Source.Name} {a.Kind} {a.DisplayName}");
        Assert.Contains(trace, a => a.Source.Name == "PrivacyDesk" && a.DisplayName.StartsWith("mediatr ", StringComparison.Ordinal));
        Assert.Contains(trace, a => a.Source.Name == "Npgsql" && a.Kind == ActivityKind.Client);
        Assert.Contains(trace, a => (a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement")) is string sql && sql.Contains("INSERT INTO requests", StringComparison.OrdinalIgnoreCase));

        var tags = string.Join("\n", trace.SelectMany(a => a.TagObjects.Select(t => $"{a.DisplayName} {t.Key}={t.Value}")));
        foreach (var secret in new[] { "Zoltanka", "Quirrelbaum", "zoltanka.q@example.be", "470 12 34 56", "1990-04-17" })
            Assert.DoesNotContain(secret, tags, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(trace, a => a.GetTagItem("url.path") is not null || a.GetTagItem("url.query") is not null);
    }
}
