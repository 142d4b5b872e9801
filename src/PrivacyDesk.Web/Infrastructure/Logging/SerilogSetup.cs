using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace PrivacyDesk.Web.Infrastructure.Logging;

public static class SerilogSetup
{
    /// <summary>
    /// Serilog from appsettings; JSON lines outside Development (Serilog.AspNetCore does not restore here).
    /// Logs go to stderr so admin commands keep stdout for their own output (create-api-key prints the key).
    /// </summary>
    public static void AddPrivacyDeskLogging(this WebApplicationBuilder builder)
    {
        var config = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext();
        config = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
            ? config.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}", standardErrorFromLevel: LogEventLevel.Verbose)
            : config.WriteTo.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: LogEventLevel.Verbose);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(config.CreateLogger(), dispose: true);
    }
}
