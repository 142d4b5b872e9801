using System.Diagnostics;
using System.Globalization;
using Npgsql;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Staff;
using Xunit.Abstractions;

namespace PrivacyDesk.IntegrationTests.Staff;

public sealed class QueueTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    /// <summary>Generated rows straight in SQL: a quarter closed, every tenth extended, due dates spread over 90 days.</summary>
    private async Task GenerateAsync(int count)
    {
        await using var conn = new NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO requests (id, reference, status, channel, received_at, received_on, registered_at, receipt_date_flagged, language,
                requester_first_name, requester_last_name, requester_email, contact_consent, identity_status, due_on, conservative_due_on,
                max_extended_due_on, due_is_provisional, duplicate_suspected, status_token_hash, extended_due_on, closed_at, assigned_to)
            SELECT gen_random_uuid(), 'PD-2026-' || lpad(i::text, 7, '0'),
                   (ARRAY['Received','InReview','AwaitingDataSubject','Closed'])[1 + i % 4],
                   (ARRAY['Web','Email','Post'])[1 + i % 3], timestamptz '2026-10-01 10:00Z' + (i % 50) * interval '1 day',
                   date '2026-10-01' + (i % 50), now(), false, 'nl', 'First' || i, 'Last' || i, 'p' || i || '@example.be', false,
                   'NotChecked', date '2026-11-01' + (i % 90), date '2026-11-01' + (i % 90), date '2027-01-01' + (i % 90), false, false, 'x',
                   CASE WHEN i % 10 = 0 THEN date '2026-12-15' + (i % 90) END,
                   CASE WHEN i % 4 = 3 THEN timestamptz '2026-11-10 10:00Z' END,
                   CASE WHEN i % 7 = 0 THEN 'dpo2@test.local' END
            FROM generate_series(1, {count}) i;
            INSERT INTO sub_requests (id, request_id, type)
            SELECT gen_random_uuid(), id, CASE WHEN right(reference, 1) IN ('1', '2') THEN 'Erasure' ELSE 'Access' END FROM requests;
            ANALYZE requests; ANALYZE sub_requests;
            """, conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Should_page_by_keyset_in_due_order_without_gaps_or_overlap()
    {
        await GenerateAsync(130);
        var seen = new List<SearchQueue.Row>();
        var query = new SearchQueue.Query();
        while (true)
        {
            var page = await App.SendAsync(query, Roles.Dpo);
            seen.AddRange(page.Rows);
            if (page.Next is not { } next)
                break;
            query = new SearchQueue.Query { AfterDue = next.Due, AfterId = next.Id };
        }

        Assert.Equal(130 - 130 / 4 - (130 % 4 >= 4 ? 1 : 0), seen.Count); // every row not Closed
        Assert.Equal(seen.Count, seen.Select(r => r.Id).Distinct().Count());
        Assert.Equal(seen.OrderBy(r => r.DueOn).ThenBy(r => r.Id).Select(r => r.Id), seen.Select(r => r.Id));
        Assert.All(seen.Where(r => r.Extended), r => Assert.True(r.DueOn >= new DateOnly(2026, 12, 15)));
        Assert.Contains(seen, r => r.Urgency == "overdue");
        Assert.Contains(seen, r => r.Urgency == "soon");
    }

    [Fact]
    public async Task Should_filter_by_type_status_channel_assignee_due_range_and_search()
    {
        await GenerateAsync(200);
        var erasure = await App.SendAsync(new SearchQueue.Query { Type = RequestType.Erasure }, Roles.Dpo);
        Assert.NotEmpty(erasure.Rows);
        Assert.All(erasure.Rows, r => Assert.Equal([RequestType.Erasure], r.Types));

        var waiting = await App.SendAsync(new SearchQueue.Query { Status = RequestStatus.AwaitingDataSubject, Channel = Channel.Post }, Roles.Dpo);
        Assert.All(waiting.Rows, r => Assert.Equal((RequestStatus.AwaitingDataSubject, Channel.Post), (r.Status, r.Channel)));

        var range = await App.SendAsync(new SearchQueue.Query { DueFrom = new DateOnly(2026, 11, 10), DueTo = new DateOnly(2026, 11, 12), Assignee = "dpo2@test.local" }, Roles.Dpo);
        Assert.All(range.Rows, r => Assert.True(r.DueOn >= new DateOnly(2026, 11, 10) && r.DueOn <= new DateOnly(2026, 11, 12) && r.AssignedTo == "dpo2@test.local"));

        var byName = await App.SendAsync(new SearchQueue.Query { Search = "first17 last17" }, Roles.Dpo);
        Assert.Equal("PD-2026-0000017", Assert.Single(byName.Rows).Reference);
        var byReference = await App.SendAsync(new SearchQueue.Query { Search = "pd-2026-0000018" }, Roles.Dpo);
        Assert.Equal("First18 Last18", Assert.Single(byReference.Rows).RequesterName);

        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);
        var (_, html) = await dpo.GetAsync("/Dpo/Queue?Type=Erasure&Status=InReview");
        Assert.All(html.QuerySelectorAll("table.queue tbody tr"), tr => Assert.Contains("Wissing", tr.TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(html.QuerySelectorAll("table.queue tbody tr"));
        var (_, all) = await dpo.GetAsync("/Dpo/Queue");
        Assert.Equal(SearchQueue.PageSize, all.QuerySelectorAll("table.queue tbody tr").Length);
        Assert.NotNull(all.QuerySelector("a[rel=next]"));
    }

    /// <summary>
    /// Not the formal benchmark: a timed run of the queue with 100,000 requests, reported in TestResults/queue-latency.txt,
    /// plus the plan PostgreSQL chooses (the partial index of 0004_staff_queue.sql, no sort, no OFFSET).
    /// </summary>
    [Fact]
    public async Task Should_stay_instant_with_100000_requests()
    {
        var generate = Stopwatch.StartNew();
        await GenerateAsync(100_000);
        generate.Stop();

        // Warm-up, then the first page and a deep keyset page, through the real mediator pipeline.
        await App.SendAsync(new SearchQueue.Query(), Roles.Dpo);
        var first = await TimeAsync(() => App.SendAsync(new SearchQueue.Query(), Roles.Dpo));
        var deep = await TimeAsync(() => App.SendAsync(new SearchQueue.Query { AfterDue = new DateOnly(2027, 1, 20), AfterId = Guid.Empty }, Roles.Dpo));
        var filtered = await TimeAsync(() => App.SendAsync(new SearchQueue.Query { Type = RequestType.Erasure, Status = RequestStatus.InReview }, Roles.Dpo));
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);
        await dpo.GetAsync("/Dpo/Queue");
        var http = await TimeAsync(async () => (await dpo.GetAsync("/Dpo/Queue")).Response);

        string plan;
        await using (var conn = new NpgsqlConnection(App.ConnectionString))
        {
            await conn.OpenAsync();
            await using var explain = new NpgsqlCommand("""
                EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM requests r
                WHERE r.status <> 'Closed' AND r.status <> 'Withdrawn' AND r.status <> 'Abandoned'
                  AND (COALESCE(r.extended_due_on, r.due_on), r.id) > (date '2027-01-20', '00000000-0000-0000-0000-000000000000'::uuid)
                ORDER BY COALESCE(r.extended_due_on, r.due_on), r.id LIMIT 51
                """, conn);
            await using var reader = await explain.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
                lines.Add(reader.GetString(0));
            plan = string.Join(Environment.NewLine, lines);
        }

        var report = string.Join(Environment.NewLine,
            $"queue latency with 100,000 requests ({DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores; generation {generate.ElapsedMilliseconds} ms)",
            Line("first page (mediator)", first), Line("deep keyset page (mediator)", deep), Line("filtered type+status (mediator)", filtered),
            Line("GET /Dpo/Queue (HTTP, rendered)", http), "", plan);
        output.WriteLine(report);
        var path = Path.Combine(BrowserHost.RepositoryRoot(), "TestResults");
        Directory.CreateDirectory(path);
        await File.WriteAllTextAsync(Path.Combine(path, "queue-latency.txt"), report);

        Assert.Contains("ix_requests_open_current_due_id", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        Assert.True(Percentile(http, 0.95) < 1000, report);
        Assert.True(Percentile(first, 0.95) < 500, report);
    }

    private static async Task<List<double>> TimeAsync<T>(Func<Task<T>> action, int runs = 20)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
    }

    private static string Line(string what, List<double> times) =>
        string.Create(CultureInfo.InvariantCulture, $"{what,-36} p50 {Percentile(times, 0.5),7:0.0} ms   p95 {Percentile(times, 0.95),7:0.0} ms   ({times.Count} runs)");
}
