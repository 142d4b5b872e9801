using System.Diagnostics;
using Serilog.Context;

namespace PrivacyDesk.Web.Infrastructure.Logging;

/// <summary>
/// One line per HTTP request: method, route template (never the raw path, which may carry a status
/// token), status and elapsed time. No query strings, no bodies.
/// </summary>
public sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = context.TraceIdentifier;
        using (LogContext.PushProperty("CorrelationId", correlationId))
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText
                    ?? context.GetEndpoint()?.DisplayName
                    ?? "(static or unmatched)";
                if (!route.StartsWith("/health", StringComparison.Ordinal) || context.Response.StatusCode >= 400)
                    LogRequest(logger, context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Route} -> {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMs);
}
