// Benchmark (not a test): the plan and the access / portability packages of one former worker with 10,000
// records, end to end against PostgreSQL through the app's own MediatR handlers. See README.md.
// Usage: dotnet run -c Release --project bench/Packages -- [iterations=20] [warmup=3]
using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PrivacyDesk.Bench;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Packages;
using PrivacyDesk.Web.Features.Plans;
using PrivacyDesk.Web.Features.Requests;

var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
const int Records = 10_000;

await using var host = await BenchHost.StartAsync("PACKAGES_CONNECTION");

// The candidate of bench/Plans (same records, same spread), written with binary COPY.
var candidate = CareerRecords.FormerWorker(Records);
candidate.CreatedAt = candidate.UpdatedAt = DateTimeOffset.UtcNow;
var sw = Stopwatch.StartNew();
await CandidateCopy.InsertAsync(host, candidate);
await host.ExecAsync("VACUUM ANALYZE");
var stored = await CountStoredRecordsAsync();
if (stored != Records)
    throw new InvalidOperationException($"{stored} records stored instead of {Records}.");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DATA records={stored} insert_s={sw.Elapsed.TotalSeconds:0.00}"));

// One request with an access and a portability right, received through the real intake, linked to the
// candidate, identity verified and approved: the state in which the DPO looks at the plan and builds packages.
Guid requestId, accessId, portabilityId;
await using (var scope = host.Scope("bench", Roles.Dpo))
{
    var sp = scope.ServiceProvider;
    var created = await sp.GetRequiredService<RequestIntake>().ReceiveAsync(new RequestIntake.Input(Channel.Web, null, candidate.Language,
        new DataSubjectRequest.Requester(candidate.FirstName, candidate.LastName, candidate.Email!, null, null),
        [new(RequestType.Access, null), new(RequestType.Portability, null)], null, true, null), "bench", CancellationToken.None);
    var request = created.Request;
    var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
    request.LinkCandidate(candidate.Id, "bench", now, "bench");
    request.EstablishIdentity("bench", now, BrusselsTime.ToBrusselsDate(now), "bench");
    request.Decide(DecisionOutcome.Approved, null, now, "bench");
    await sp.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
    (requestId, accessId, portabilityId) = (request.Id,
        request.SubRequests.Single(s => s.Type == RequestType.Access).Id, request.SubRequests.Single(s => s.Type == RequestType.Portability).Id);
}

// ACC-6: an access copy is built only once every professional e-mail has its reviewed extract. The review is the back
// office's work before the build, so it is done here, outside the timing (the generated e-mails have no body, so the extract names the subject).
await host.ExecAsync($"UPDATE professional_emails SET redacted_extract = 'Reviewed extract: ' || subject WHERE candidate_id = '{candidate.Id}'");

// (a) The plan as the DPO's case page and the API get it: GetRequestPlan = load the request, the candidate with
// all 10,000 records (split queries), the register, holds and profile, then the engine for both sub-requests.
await MeasureAsync("plan", async sp =>
{
    var plan = await sp.GetRequiredService<IMediator>().Send(new GetRequestPlan.Query { RequestId = requestId });
    return plan.SubRequests.Count == 2 ? 0 : throw new InvalidOperationException("Expected two sub-request plans.");
});

// The loading part alone (RequestPlanner.LoadCandidateAsync: the candidate and its 18 record sets).
await MeasureAsync("load", async sp =>
{
    var loaded = await RequestPlanner.LoadCandidateAsync(sp.GetRequiredService<PrivacyDeskDbContext>(), candidate.Id, CancellationToken.None);
    var count = CareerRecords.Count(loaded!);
    return count == Records ? 0 : throw new InvalidOperationException($"Loaded {count} records.");
});

// The plan without its loading: RequestPlanner.BuildAsync (holds, profiles, plan engine for both sub-requests) from
// sources loaded once beforehand, outside the timing.
(DataSubjectRequest Request, RequestPlanner.Sources Sources)? preloaded = null;
await MeasureAsync("plan-compute", async sp =>
{
    if (preloaded is null)
    {
        var request = await sp.GetRequiredService<PrivacyDeskDbContext>().Requests.AsNoTracking().FirstAsync(r => r.Id == requestId);
        preloaded = (request, await sp.GetRequiredService<RequestPlanner>().LoadSourcesAsync(request, CancellationToken.None));
    }

    return 0;
}, async sp =>
{
    var plans = await sp.GetRequiredService<RequestPlanner>().BuildAsync(preloaded!.Value.Request, preloaded.Value.Sources, CancellationToken.None);
    return plans.Count == 2 ? 0 : throw new InvalidOperationException("Expected two sub-request plans.");
});

// Baseline: the same rows read raw with Npgsql (one SELECT * per table, every value read), no EF, no engine.
await MeasureAsync("raw-load", async _ =>
{
    await using var conn = await host.DataSource.OpenConnectionAsync();
    long rows = 0;
    foreach (var table in RecordTables.Prepend("candidates"))
    {
        await using var cmd = new NpgsqlCommand($"SELECT * FROM {table} WHERE {(table == "candidates" ? "id" : "candidate_id")} = $1", conn) { Parameters = { new() { Value = candidate.Id } } };
        await using var reader = await cmd.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }
    }

    return rows == Records + 1 ? 0 : throw new InvalidOperationException($"Read {rows} rows.");
});

// (b) A real build each time: BuildPackage returns an unexpired package instead of building a second one, so the
// package and its e-mail are deleted after each timed build (outside the timing). Timed: the whole command in its
// transaction (request, plan with the candidate's records, the candidate again for the copy, register, rendering,
// the package row with its content, audit event, "download ready" e-mail, commit on the durable cluster).
await MeasureAsync("access-package", sp => BuildAsync(sp, accessId));
await MeasureAsync("portability-package", sp => BuildAsync(sp, portabilityId));

async Task<long> BuildAsync(IServiceProvider sp, Guid subRequestId)
{
    var result = await sp.GetRequiredService<IMediator>().Send(new BuildPackage.Command { RequestId = requestId, SubRequestId = subRequestId });
    return result.AlreadyExisted ? throw new InvalidOperationException("A package existed already: not a real build.") : result.Size;
}

async Task MeasureAsync(string name, Func<IServiceProvider, Task<long>> action, Func<IServiceProvider, Task<long>>? timed = null)
{
    // PACKAGES_ONLY=plan,load (optional): measure only these, e.g. under a profiler.
    if (Environment.GetEnvironmentVariable("PACKAGES_ONLY") is { Length: > 0 } only && !only.Split(',').Contains(name))
        return;
    var times = new List<double>();
    var cpu = new List<double>();
    long size = 0;
    var gcs = new int[3];
    using var process = Process.GetCurrentProcess();
    for (var i = 0; i < warmup + iterations; i++)
    {
        // One DI scope per call, as one web request gets (fresh DbContext, nothing cached in it).
        await using (var scope = host.Scope("bench-dpo", Roles.Dpo))
        {
            if (timed is not null)
            {
                await action(scope.ServiceProvider);
            }

            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var gcBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            var started = Stopwatch.GetTimestamp();
            size = await (timed ?? action)(scope.ServiceProvider);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            process.Refresh();
            if (i >= warmup)
            {
                times.Add(elapsed);
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                for (var g = 0; g < 3; g++)
                    gcs[g] += GC.CollectionCount(g) - gcBefore[g];
            }
        }

        await host.ExecAsync($"DELETE FROM request_packages WHERE request_id = '{requestId}';\nDELETE FROM outbox_messages WHERE request_id = '{requestId}'");
    }

    times.Sort();
    double Rank(double q) => times[Math.Max(0, (int)Math.Ceiling(q * times.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT name={name} n={times.Count} warmup={warmup} p50_ms={Rank(0.5):0.0} p95_ms={Rank(0.95):0.0} max_ms={times[^1]:0.0} mean_ms={times.Average():0.0} cpu_ms={cpu.Average():0.0} bytes={size} gc0={gcs[0]} gc1={gcs[1]} gc2={gcs[2]}"));
}

async Task<long> CountStoredRecordsAsync() =>
    Convert.ToInt64(await host.ScalarAsync("SELECT " + string.Join(" + ", RecordTables.Select(t => $"(SELECT count(*) FROM {t})"))), CultureInfo.InvariantCulture);

internal static partial class Program
{
    private static readonly string[] RecordTables =
    [
        "applications", "candidate_documents", "work_experience", "education", "language_skills", "assignments", "payroll_records", "tax_records",
        "interview_notes", "evaluations", "emergency_contacts", "consents", "contact_messages", "complaints", "survey_answers", "photos",
        "professional_emails", "client_disclosures",
    ];
}
