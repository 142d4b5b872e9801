// Benchmark (not a test): the retention sweep over N expired records against one plain SQL DELETE of the
// same rows, on the same throwaway PostgreSQL cluster, side by side. Usage: dotnet run -c Release --project bench/Sweep -- [rows=1000000] [pairs=5]
using System.Diagnostics;
using System.Globalization;
using PrivacyDesk.Bench;
using PrivacyDesk.Web.Features.Retention;

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
const int Candidates = 10_000;
// SWEEP_CONNECTION: an existing, empty database (bench/run.sh passes one on its durable cluster); otherwise a
// throwaway cluster of the test kind (fsync=off) is started.
await using var host = await BenchHost.StartAsync("SWEEP_CONNECTION");
// The application's ids are UUID v7 (time-ordered, Ids.New); the data here are shaped the same way, and a
// candidate's records are written together, as an ATS import or a person's own history would be.
await host.ExecAsync("""
    CREATE FUNCTION v7(n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS
    $$ SELECT (lpad(to_hex(n), 12, '0') || '7' || substr(md5(n::text), 1, 3) || '8' || substr(md5(n::text), 4, 15))::uuid $$
    """);
await host.ExecAsync($"""
    INSERT INTO candidates (id, first_name, last_name, language, employment_status, registered_on, source, restricted, created_at, updated_at)
    SELECT v7(g), 'First' || g, 'Last' || g, 'nl', 'Working', DATE '2019-01-01', 'bench', false, now(), now() FROM generate_series(1, {Candidates}) g;
    -- a running assignment: career and contract not ended, so only the e-mails below expire (ASAP: Collected + P3Y)
    INSERT INTO assignments (id, client_company, job_title, start_date, candidate_id, collected_on, restricted)
    SELECT gen_random_uuid(), 'Acme', 'Operator', DATE '2024-01-01', id, DATE '2024-01-01', false FROM candidates;
    """);

// Warm-up: one sweep with nothing expired and one over one expired e-mail per candidate, so the timed ones do not
// include JIT and EF query compilation of the paths they take (the app's daily sweep runs in a long-lived process).
await using (var scope = host.Services.CreateAsyncScope())
    await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(dryRun: false, CancellationToken.None);
await InsertEmailsAsync(1_000_000_000, Candidates); // ids apart from the timed ones
await using (var scope = host.Services.CreateAsyncScope())
{
    var warm = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(dryRun: false, CancellationToken.None);
    if (warm.Total != Candidates)
        throw new InvalidOperationException($"warm-up: expected {Candidates} erased, got {warm.Total}");
}
await host.ExecAsync("TRUNCATE erasure_ledger");

// Pairs, side by side: the sweep over the rows and one plain DELETE of the same rows re-inserted, in alternating
// order (the first of a pair follows a fresh table). Each timed statement starts right after a CHECKPOINT, so both pay
// the same full-page writes; a daily sweep meets the same, since it touches pages last written long before.
var pairs = new List<(double Sweep, double Delete)>();
var offset = 0;
for (var rep = 1; rep <= repetitions; rep++)
{
    double sweepSeconds = 0, deleteSeconds = 0;
    foreach (var sweepTurn in rep % 2 == 1 ? new[] { true, false } : [false, true])
    {
        await InsertEmailsAsync(offset);
        offset += rows;
        await host.ExecAsync("CHECKPOINT");
        var sw = Stopwatch.StartNew();
        if (sweepTurn)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(dryRun: false, CancellationToken.None);
            sweepSeconds = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"sweep: {report.Total:N0} records erased in {sweepSeconds:0.00} s (ledger rows: {await host.ScalarAsync("SELECT count(*) FROM erasure_ledger")})");
            if (report.Total != rows)
                throw new InvalidOperationException($"expected {rows} erased, got {report.Total}");
            await host.ExecAsync("TRUNCATE erasure_ledger");
        }
        else
        {
            await host.ExecAsync("DELETE FROM professional_emails WHERE collected_on < DATE '2023-01-01'");
            deleteSeconds = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"plain DELETE: {rows:N0} rows in {deleteSeconds:0.00} s");
        }
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PAIR rows={rows} sweep_s={sweepSeconds:0.000} delete_s={deleteSeconds:0.000} ratio={sweepSeconds / deleteSeconds:0.000}"));
    pairs.Add((sweepSeconds, deleteSeconds));
}
double Median(IEnumerable<double> xs) => xs.Order().ElementAt(repetitions / 2);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT rows={rows} pairs={repetitions} sweep_s={Median(pairs.Select(p => p.Sweep)):0.000} delete_s={Median(pairs.Select(p => p.Delete)):0.000} ratio={Median(pairs.Select(p => p.Sweep / p.Delete)):0.000}"));

async Task InsertEmailsAsync(int offset, int count = 0)
{
    count = count == 0 ? rows : count;
    await host.ExecAsync($"""
        INSERT INTO professional_emails (id, sent_at, from_address, to_address, subject, body, candidate_id, collected_on, restricted)
        SELECT v7({Candidates} + g + {offset}), TIMESTAMPTZ '2020-01-01 10:00+00', 'consultant@asap.example', 'hr@acme.example', 'Candidate profile',
               'Dear, please find the profile of the candidate attached.', c.id, DATE '2020-01-01', false
        FROM generate_series(1, {count}) g
        JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM candidates) c ON c.n = (g - 1) / ({count} / {Candidates});
        VACUUM ANALYZE professional_emails;
        """);
}
