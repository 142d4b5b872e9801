using Serilog;
using Serilog.AspNetCore;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace PrivacyDesk.Web.Infrastructure.Logging;

public static class SerilogSetup
{
    /// <summary>
    /// Serilog.AspNetCore, levels from the <c>Serilog</c> configuration section; JSON lines outside Development.
    /// Logs go to stderr so admin commands keep stdout for their own output (create-api-key prints the key), through
    /// Serilog.Sinks.Async: a request never waits for stderr, and when the writer cannot keep up events are dropped
    /// rather than slowing requests down. <c>Logging:Synchronous=true</c> writes on the calling thread instead (e.g.
    /// to debug a crash at startup). Sinks registered as <see cref="Serilog.Core.ILogEventSink"/> services are added
    /// too (the tests read the log that way).
    /// </summary>
    public static void AddPrivacyDeskLogging(this WebApplicationBuilder builder)
    {
        var synchronous = builder.Configuration.GetValue("Logging:Synchronous", false);
        ITextFormatter formatter = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
            ? new MessageTemplateTextFormatter("[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            : new JsonFormatter(renderMessage: true);
        builder.Host.UseSerilog((context, services, config) =>
        {
            config.ReadFrom.Configuration(context.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With<DropRawPath>();
            if (synchronous)
                config.WriteTo.Console(formatter, standardErrorFromLevel: LogEventLevel.Verbose);
            else
                config.WriteTo.Async(a => a.Console(formatter, standardErrorFromLevel: LogEventLevel.Verbose), bufferSize: 10_000, blockWhenFull: false);
        }, preserveStaticLogger: true);
    }

    /// <summary>
    /// One event per HTTP request: method, route template (never the raw path, which may carry a status token), status
    /// and elapsed time. No query strings, no bodies; health probes only when they fail.
    /// </summary>
    public static void ConfigureRequestLogging(RequestLoggingOptions o, IServiceProvider services)
    {
        // This host's logger, not the static Log.Logger (kept silent: the tests run several hosts in one process).
        o.Logger = services.GetService<Serilog.ILogger>();
        o.MessageTemplate = "HTTP {RequestMethod} {Route} -> {StatusCode} in {Elapsed:0.0} ms";
        o.GetMessageTemplateProperties = (context, _, elapsed, status) =>
        [
            new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
            new LogEventProperty("Route", new ScalarValue(RouteOf(context))),
            new LogEventProperty("StatusCode", new ScalarValue(status)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
        ];
        o.GetLevel = (context, _, ex) => ex is not null || context.Response.StatusCode >= 500
            ? LogEventLevel.Error
            : RouteOf(context).StartsWith("/health", StringComparison.Ordinal) && context.Response.StatusCode < 400
                ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        o.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set("CorrelationId", context.TraceIdentifier);
    }

    public static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText
        ?? context.GetEndpoint()?.DisplayName
        ?? "(static or unmatched)";
}
