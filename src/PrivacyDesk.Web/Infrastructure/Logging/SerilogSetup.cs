using Serilog;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace PrivacyDesk.Web.Infrastructure.Logging;

public static class SerilogSetup
{
    /// <summary>
    /// Serilog from appsettings; JSON lines outside Development (Serilog.AspNetCore does not restore here).
    /// Logs go to stderr so admin commands keep stdout for their own output (create-api-key prints the key).
    /// Writing happens on a background task (<see cref="BackgroundLogSink"/>): a request never waits for stderr.
    /// <c>Logging:Synchronous=true</c> writes on the calling thread instead (e.g. to debug a crash at startup).
    /// </summary>
    public static void AddPrivacyDeskLogging(this WebApplicationBuilder builder)
    {
        var config = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext();
        ITextFormatter formatter = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
            ? new MessageTemplateTextFormatter("[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            : new JsonFormatter(renderMessage: true);
        config = builder.Configuration.GetValue("Logging:Synchronous", false)
            ? config.WriteTo.Console(formatter, standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose)
            : config.WriteTo.Sink(Background(formatter));
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(config.CreateLogger(), dispose: true);
    }

    private static BackgroundLogSink Background(ITextFormatter formatter)
    {
        var sink = new BackgroundLogSink(formatter, Console.OpenStandardError());
        // Admin commands exit without disposing the host: write what is queued before the process ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => sink.Dispose();
        return sink;
    }
}
