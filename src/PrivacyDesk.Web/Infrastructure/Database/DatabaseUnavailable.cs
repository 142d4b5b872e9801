using System.Net.Sockets;
using Npgsql;

namespace PrivacyDesk.Web.Infrastructure.Database;

/// <summary>
/// Fault tests (docs/performance.md): "PostgreSQL stopped … failed submissions got a clear error page or problem response".
/// Tells a database that is down or restarting (connection refused or broken, server shutting down, timeout)
/// from a real bug, so it can be answered as 503 "try again shortly" instead of 500. Nothing is committed in
/// that case except, at worst, a transaction whose COMMIT reached the server just before the connection
/// broke; API clients that send an Idempotency-Key can retry safely and get the stored answer.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>Seconds a client is asked to wait before retrying (Retry-After).</summary>
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // 08: connection exception, 53: insufficient resources, 57P: server shutting down / cannot connect now,
                    // 58: system error. Constraint violations, serialization failures etc. are answered by their own mapping.
                    if (pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("58", StringComparison.Ordinal))
                        return true;
                    return false;
                case NpgsqlException:
                    // Client-side Npgsql errors are I/O: refused, reset, broken connection, pool exhausted (timeout).
                    return true;
                case TimeoutException or SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Also true for the follow-up errors of a connection that broke under a running transaction: Npgsql then
    /// marks the transaction completed, and the next command fails with a bare InvalidOperationException
    /// ("Transaction is already completed") that carries no NpgsqlException.
    /// </summary>
    public static bool Is(Exception exception, HttpContext http)
    {
        if (Is(exception))
            return true;
        if (exception is not InvalidOperationException)
            return false;
        var db = http.RequestServices.GetService<Data.PrivacyDeskDbContext>();
        return db is not null
            && Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(db.Database) is NpgsqlConnection conn
            && conn.FullState.HasFlag(System.Data.ConnectionState.Broken);
    }
}

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
