using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PrivacyDesk.Web.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry: traces (ASP.NET Core, HttpClient, Npgsql, one span per MediatR request) and metrics (the same
/// plus the domain's own). Exported over OTLP only when <c>OpenTelemetry:Endpoint</c> is set. Tags carry route
/// templates, request types and counts, never what a person typed: the raw path and the query are removed
/// from the server spans, and Npgsql records SQL text with parameter placeholders, not values.
/// </summary>
public static class PrivacyDeskTelemetry
{
    public const string Name = "PrivacyDesk";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static int _observing;

    /// <summary>Requests taken in by intake (portal, API, staff), by channel.</summary>
    public static readonly Counter<long> RequestsReceived = Meter.CreateCounter<long>("privacydesk.requests.received", "{request}", "Requests received");

    public static IServiceCollection AddPrivacyDeskTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["OpenTelemetry:Endpoint"];
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(Name))
            .WithTracing(t =>
            {
                t.AddSource(Name)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal);
                        o.EnrichWithHttpResponse = (activity, _) =>
                        {
                            // The route template (http.route) stays; the raw path and query could hold anything typed.
                            activity.SetTag("url.path", null);
                            activity.SetTag("url.query", null);
                        };
                    })
                    .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, _) => activity.SetTag("url.full", null))
                    .AddNpgsql();
                if (!string.IsNullOrWhiteSpace(endpoint))
                    t.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            })
            .WithMetrics(m =>
            {
                m.AddMeter(Name, "Npgsql")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(endpoint))
                    m.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            });
        return services;
    }

    /// <summary>
    /// Gauges read from the database when a metrics exporter collects them (once per export interval, not per
    /// request): overdue open requests, the outbox backlog, and the rows the retention sweep erased in total.
    /// </summary>
    public static void ObserveDatabase(NpgsqlDataSource dataSource, TimeProvider clock)
    {
        // The instruments are process-wide; the first host's database is the one observed (tests run several hosts).
        if (Interlocked.Exchange(ref _observing, 1) == 1)
            return;
        Meter.CreateObservableGauge("privacydesk.requests.overdue_open", () => Count(dataSource, """
            SELECT count(*) FROM requests
            WHERE status NOT IN ('Closed', 'Withdrawn', 'Abandoned') AND coalesce(extended_due_on, due_on) < $1
            """, Domain.Deadlines.BrusselsTime.ToBrusselsDate(clock.GetUtcNow())), "{request}", "Open requests past their due date");
        Meter.CreateObservableGauge("privacydesk.outbox.backlog", () => Count(dataSource,
            "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND NOT failed_permanently", null), "{message}", "E-mails waiting to be sent");
        Meter.CreateObservableCounter("privacydesk.sweep.rows_erased", () => Count(dataSource,
            "SELECT coalesce(sum(count), 0) FROM erasure_ledger WHERE rule_code IS NOT NULL", null), "{row}", "Rows erased or anonymised by the retention sweep");
    }

    private static IEnumerable<Measurement<long>> Count(NpgsqlDataSource dataSource, string sql, object? parameter)
    {
        try
        {
            using var cmd = dataSource.CreateCommand(sql);
            if (parameter is not null)
                cmd.Parameters.Add(new NpgsqlParameter { Value = parameter });
            return [new Measurement<long>(Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture))];
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return []; // database unreachable (or its host gone): no value this time rather than a wrong one
        }
    }
}
