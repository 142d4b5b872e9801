using System.Data;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// Idempotency-Key on POSTs (docs/api.md). Scope = API key id + route. The first request inserts its
/// (scope, key) row in the same transaction as the command it runs; a concurrent retry blocks on the
/// primary key until that transaction ends and then replays the stored answer, so one key makes one
/// resource even under concurrency. Only successful (2xx) answers are stored: a refused request rolls
/// back with its key, and may be retried with the same key once corrected. The same key with a
/// different body is refused with 422.
/// Commands that commit in several transactions of their own (carrying out a plan step by step, lifting a hold
/// and then sweeping, the retention sweep) cannot run inside that transaction: for them (<see cref="Outside"/>)
/// the key is claimed in a short transaction of its own, the command runs, and the answer is stored afterwards
/// (or the claim released when it failed); a retry that arrives while the first is still running is told so (409).
/// "Still running" is a lease, not a clock: the claimer holds a PostgreSQL session advisory lock on the key for as
/// long as it works. A process that dies loses its connection and with it the lock, so a retry after a crash finds
/// the lock free and takes the unanswered claim over at once.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>For endpoints whose command manages its own transactions.</summary>
    public static readonly IdempotencyFilter Outside = new(transactional: false);

    private readonly bool _transactional;

    public IdempotencyFilter()
        : this(transactional: true)
    {
    }

    private IdempotencyFilter(bool transactional) => _transactional = transactional;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
            return await next(context);
        var key = values.Count == 1 ? values[0] ?? "" : "";
        if (key.Length is 0 or > 200 || key.Any(c => c < 0x21 || c > 0x7e))
            throw new ApiRequestException(StatusCodes.Status400BadRequest, "idempotency-key", "Idempotency-Key must be one value of 1 to 200 visible ASCII characters.",
                new Dictionary<string, string[]> { [HeaderName] = ["Use 1 to 200 visible ASCII characters, e.g. a UUID."] });

        var scope = ScopeOf(http);
        var hash = Convert.ToHexString(SHA256.HashData(await ApiBody.ReadBytesAsync(http)));
        var db = http.RequestServices.GetRequiredService<PrivacyDeskDbContext>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        if (!_transactional)
            return await OutsideAsync(context, next, http, db, clock, scope, key, hash);
        var afterCommit = http.RequestServices.GetRequiredService<AfterCommit>();

        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, http.RequestAborted);
        db.Database.AutoSavepointsEnabled = false; // all or nothing, as TransactionBehavior
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO idempotency_records (key, scope, request_hash, status_code, response_body, location, created_at) VALUES ({key}, {scope}, {hash}, 0, '', NULL, {clock.GetUtcNow()}) ON CONFLICT (scope, key) DO NOTHING",
            http.RequestAborted);
        if (inserted == 0)
        {
            await tx.RollbackAsync(http.RequestAborted);
            return await ReplayAsync(http, db, scope, key, hash);
        }

        object? result;
        try
        {
            result = await next(context);
            // Results<Created<T>, Ok<T>> wraps the actual result.
            var actual = result is INestedHttpResult nested ? nested.Result : result;
            if (actual is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
            {
                await tx.RollbackAsync(http.RequestAborted);
                db.ChangeTracker.Clear();
                return result;
            }
            await db.SaveChangesAsync(http.RequestAborted);
            await StoreAsync(db, scope, key, actual, success, http.RequestAborted);
            await tx.CommitAsync(http.RequestAborted);
            // The commands ran inside this transaction, so the pipeline left their after-commit work to us.
            afterCommit.Run();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            afterCommit.Discard();
            throw new ConflictException("Someone else changed this at the same time; nothing was saved. Read it again and retry.");
        }
        catch
        {
            db.ChangeTracker.Clear();
            afterCommit.Discard();
            throw;
        }
        return result;
    }

    private static async ValueTask<object?> OutsideAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, HttpContext http,
        PrivacyDeskDbContext db, TimeProvider clock, string scope, string key, string hash)
    {
        // The lease: held on a connection of its own for as long as the command runs (its own transactions use others).
        await using var lease = await http.RequestServices.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync(http.RequestAborted);
        var leaseKey = LeaseKey(scope, key);
        if (!await TryLockAsync(lease, leaseKey, http.RequestAborted))
            return await ReplayAsync(http, db, scope, key, hash); // the first attempt is alive: its answer, or 409
        try
        {
            var now = clock.GetUtcNow();
            var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO idempotency_records (key, scope, request_hash, status_code, response_body, location, created_at) VALUES ({key}, {scope}, {hash}, 0, '', NULL, {now}) ON CONFLICT (scope, key) DO NOTHING",
                http.RequestAborted);
            if (claimed == 0)
            {
                // We hold the lease, so an unanswered claim of the same request belongs to an attempt that died: take it over.
                claimed = await db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE idempotency_records SET created_at = {now} WHERE scope = {scope} AND key = {key} AND request_hash = {hash} AND status_code = 0",
                    http.RequestAborted);
                if (claimed == 0)
                    return await ReplayAsync(http, db, scope, key, hash);
            }

            object? result;
            try
            {
                result = await next(context);
            }
            catch
            {
                db.ChangeTracker.Clear();
                await ReleaseAsync(db, scope, key);
                throw;
            }
            var actual = result is INestedHttpResult nested ? nested.Result : result;
            if (actual is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
                await StoreAsync(db, scope, key, actual, success, CancellationToken.None);
            else
                await ReleaseAsync(db, scope, key);
            return result;
        }
        finally
        {
            await using var unlock = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock($1)", lease) { Parameters = { new() { Value = leaseKey } } };
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The advisory-lock key of an idempotency key in its scope (64 bits of its SHA-256).</summary>
    public static long LeaseKey(string scope, string key) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("idempotency\n" + scope + "\n" + key)), 0);

    private static async Task<bool> TryLockAsync(Npgsql.NpgsqlConnection connection, long leaseKey, CancellationToken ct)
    {
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = leaseKey } } };
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static Task ReleaseAsync(PrivacyDeskDbContext db, string scope, string key) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"DELETE FROM idempotency_records WHERE scope = {scope} AND key = {key} AND status_code = 0", CancellationToken.None);

    private static async Task StoreAsync(PrivacyDeskDbContext db, string scope, string key, object? actual, IStatusCodeHttpResult success, CancellationToken ct)
    {
        var body = actual is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), ApiJson.Options) : "";
        var location = actual is IResult r ? LocationOf(r) : null;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE idempotency_records SET status_code = {success.StatusCode ?? 200}, response_body = {body}, location = {location} WHERE scope = {scope} AND key = {key}",
            ct);
    }

    private static async Task<IResult> ReplayAsync(HttpContext http, PrivacyDeskDbContext db, string scope, string key, string hash)
    {
        // No row yet: the lease holder has not written its claim (it is a moment ahead of us), so it is in flight.
        var first = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, http.RequestAborted);
        if (first is null)
            throw InFlight();
        if (!string.Equals(first.RequestHash, hash, StringComparison.Ordinal))
            throw new ApiRequestException(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused",
                "This Idempotency-Key was already used with a different body. Use a new key for a new request.");
        if (first.StatusCode == 0)
            throw InFlight();
        http.Response.Headers[ReplayedHeader] = "true";
        if (first.Location is not null)
            http.Response.Headers.Location = first.Location;
        return Results.Text(first.ResponseBody, "application/json", Encoding.UTF8, first.StatusCode);
    }

    private static ApiRequestException InFlight() =>
        new(StatusCodes.Status409Conflict, "idempotency-key-in-flight",
            "A request with this Idempotency-Key is still being carried out. Retry in a moment to get its answer.");

    /// <summary>The key's id and the route template: a key's value means one thing per endpoint.</summary>
    public static string ScopeOf(HttpContext http)
    {
        var keyId = http.User.FindFirst("api_key_id")?.Value ?? "anonymous";
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        return $"{keyId}:{http.Request.Method} {route}";
    }

    private static string? LocationOf(IResult result) =>
        result.GetType().GetProperty("Location")?.GetValue(result) as string;
}
