using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Api;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Api;

namespace PrivacyDesk.IntegrationTests.Hardening;

/// <summary>
/// Commands that run outside the key's transaction claim the key under a lease (a session advisory lock): an
/// attempt that died leaves an unanswered claim but no lease, so a retry proceeds at once; a live one gets 409.
/// </summary>
public sealed class IdempotencyLeaseTests(AppFixture app) : ApiTest(app)
{
    private const string Sweep = "/api/v1/retention/sweep";

    private async Task<(HttpClient Client, string Scope)> FirstSweepAsync(string key)
    {
        await App.ImportPackAsync("asap");
        var client = await ClientAsync(Roles.Dpo);
        await ExpectAsync(await client.SendAsync(Post(Sweep, new StringContent(""), key)), HttpStatusCode.OK);
        var scope = await App.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.Key == key).Select(r => r.Scope).SingleAsync());
        return (client, scope);
    }

    /// <summary>What a kill -9 between claim and answer leaves behind: the claim, unanswered, and no lease.</summary>
    private Task ForgetAnswerAsync(string key) =>
        App.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE idempotency_records SET status_code = 0, response_body = '' WHERE key = {key}"));

    [Fact]
    public async Task Should_let_a_retry_proceed_at_once_after_the_first_attempt_died()
    {
        var key = "crash-" + Guid.NewGuid().ToString("N");
        var (client, _) = await FirstSweepAsync(key);
        await ForgetAnswerAsync(key);

        var retry = await client.SendAsync(Post(Sweep, new StringContent(""), key));

        await ExpectAsync(retry, HttpStatusCode.OK);
        Assert.Equal(200, await App.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.Key == key).Select(r => r.StatusCode).SingleAsync()));
    }

    [Fact]
    public async Task Should_answer_409_while_the_first_attempt_is_alive_and_holds_the_lease()
    {
        var key = "alive-" + Guid.NewGuid().ToString("N");
        var (client, scope) = await FirstSweepAsync(key);
        await ForgetAnswerAsync(key);
        await using var alive = new NpgsqlConnection(App.ConnectionString);
        await alive.OpenAsync();
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock($1)", alive) { Parameters = { new() { Value = IdempotencyFilter.LeaseKey(scope, key) } } })
            await hold.ExecuteNonQueryAsync();

        var problem = await ProblemAsync(await client.SendAsync(Post(Sweep, new StringContent(""), key)), HttpStatusCode.Conflict);

        Assert.Equal("idempotency-key-in-flight", (string)problem["code"]!);
    }
}
