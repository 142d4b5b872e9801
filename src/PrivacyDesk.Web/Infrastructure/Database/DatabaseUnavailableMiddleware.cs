using System.Net.Sockets;
using Npgsql;

namespace PrivacyDesk.Web.Infrastructure.Database;

/// <summary>
/// Answers requests that failed because the database is unavailable with 503 and Retry-After: a problem
/// document under /api, the friendly error page (re-executed by the status-code pages) elsewhere — never a
/// stack trace. Placed after UseStatusCodePagesWithReExecute so an empty 503 becomes the error page.
/// It also clears the idle connections of the pool: after a database restart they are all dead, and
/// without this every one of them would fail one more request before Npgsql noticed.
/// </summary>
public sealed partial class DatabaseUnavailableMiddleware(RequestDelegate next, NpgsqlDataSource dataSource, ILogger<DatabaseUnavailableMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (DatabaseUnavailable.Is(ex, context) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogUnavailable(logger, context.Request.Method, context.Request.Path, ex.GetType().Name);
            dataSource.Clear();
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                await Features.Api.ApiProblems.Unavailable().ExecuteAsync(context);
            // Pages: an empty 503 is rendered by /Error?code=503 through the status-code pages.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable during {Method} {Path}: {Error}; answered 503")]
    private static partial void LogUnavailable(ILogger logger, string method, PathString path, string error);
}
