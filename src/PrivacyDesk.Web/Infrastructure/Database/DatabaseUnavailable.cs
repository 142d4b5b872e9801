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
