#!/usr/bin/env python3
"""Writes docs/performance.md from the results folder of bench/run.sh (see there). Standard library only."""
import datetime
import json
import os
import platform
import re
import sys

results, out = sys.argv[1], sys.argv[2]
meta = dict(a.split("=", 1) for a in sys.argv[3:])


def load(name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f) if name.endswith(".json") else f.read()


def pgbench(text):
    """tps and latency average from pgbench output."""
    if not text:
        return None, None
    tps = re.search(r"tps = ([0-9.]+)", text)
    lat = re.search(r"latency average = ([0-9.]+) ms", text)
    return (float(tps.group(1)) if tps else None), (float(lat.group(1)) if lat else None)


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def mem_gib():
    with open("/proc/meminfo", encoding="utf-8") as f:
        kb = int(f.readline().split()[1])
    return kb / 1024 / 1024


def ok(flag):
    return "**met**" if flag else "**missed**"


lines = []
w = lines.append
now = datetime.datetime.now(datetime.timezone.utc)
w("# Performance")
w("")
w("Every figure below comes from ONE run of `bash bench/run.sh` (generated file: edit `bench/report.py`, not this")
w("page). The script builds Release, starts a throwaway PostgreSQL 15 cluster with its **durable defaults** (fsync,")
w("synchronous_commit and full_page_writes on; only `max_connections=300` and a loopback listener are set), starts")
w("the app (Release, `ASPNETCORE_ENVIRONMENT=Production`, `RateLimiting__Enabled=false`, mail to a pickup folder,")
w("background services on), generates its data, runs every benchmark with a raw-PostgreSQL baseline measured in the")
w("same run, and writes this page. Loopback only; every loop is bounded by time.")
w("")
w("## Machine and run")
w("")
w(f"- Date: {now:%Y-%m-%d %H:%M} UTC; total run time {int(meta['elapsed']) // 60} min {int(meta['elapsed']) % 60} s.")
w(f"- CPU: {cpu_model()}, {os.cpu_count()} cores; memory {mem_gib():.0f} GiB; {platform.system()} {platform.release()}.")
w(f"- .NET SDK {meta['dotnet']}; {meta['pg_version']}.")
w(f"- Load average at start / end (1, 5, 15 min): {meta['load_start']} / {meta['load_end']}. The machine is shared with")
w("  other builds: with 2 cores, any load above 2 means the app, PostgreSQL and the load client got only part of them.")
w("  Read throughput as a floor and compare the ratios, which were measured side by side.")
w("")

# ---------------------------------------------------------------------------------------------- intake
w("## Intake (form and API), 16 / 64 / 200 concurrent clients")
w("")
run_s = int(meta["run_seconds"])
w(f"Each run lasts {run_s} s. *Acknowledged* = a 201 (API) or the redirect to the confirmation page (form); after each")
w("run the number of new rows in `requests` is compared with it (*DB check*). Every API submission is a new requester")
w("(e-mail) with one right; the app runs the full intake: API key, validation, reference, deadlines, duplicate")
w("check, request + sub-request + audit event + acknowledgement e-mail in one transaction. The raw baseline is")
w("`pgbench` at the same concurrency running one transaction with the same four row inserts (request, sub-request,")
w("audit event, outbox e-mail) and a `nextval`, 20 s.")
w("")
w("| mode | clients | acknowledged/s | p50 ms | p95 ms | max ms | errors | acknowledged | DB check | CPU ms per submission: app / PostgreSQL | raw PostgreSQL tx/s | ratio app / raw |")
w("|---|---|---|---|---|---|---|---|---|---|---|---|")
intake = {}
cpu_ms = {}
for mode in ("api-intake", "form-intake"):
    for c in (16, 64, 200):
        d = load(f"{mode}-{c}.json")
        if d is None:
            continue
        db = int((load(f"{mode}-{c}.db") or "0").strip())
        raw_tps, _ = pgbench(load(f"raw-intake-{c}.txt"))
        ratio = f"{d['acknowledgedPerSecond'] / raw_tps:.2f}" if raw_tps else "n/a"
        check = "equal" if db == d["acknowledged"] else f"**{db} rows**"
        intake[(mode, c)] = (d, db, raw_tps)
        raw_text = f"{raw_tps:.0f}" if raw_tps else "n/a"
        cpu = (load(f"{mode}-{c}.cpu") or "0 0 100").split()
        n = max(1, d["requests"])
        app_ms, pg_ms = int(cpu[0]) * 1000 / int(cpu[2]) / n, int(cpu[1]) * 1000 / int(cpu[2]) / n
        cpu_ms[(mode, c)] = (app_ms, pg_ms)
        w(f"| {mode.split('-')[0]} | {c} | {d['acknowledgedPerSecond']:.0f} | {d['p50Ms']:.0f} | {d['p95Ms']:.0f} | {d['maxMs']:.0f} | "
          f"{d['errors']}{' ' + json.dumps(d['errorKinds']) if d['errors'] else ''} | {d['acknowledged']} | {check} | "
          f"{app_ms:.2f} / {pg_ms:.2f} | {raw_text} | {ratio} |")
if meta["form_status"] != "200":
    w("| form | – | pending | | | | | | | | | |")
    w("")
    w(f"The portal form (`/Requests/New`) is not in this build (it answered HTTP {meta['form_status']}); the form runs start")
    w("automatically once it is merged (`bench/run.sh` posts `Data.Types`, names, e-mail, language, consent and a fresh")
    w("`Data.SubmissionKey` with the antiforgery token, and counts the redirect to the confirmation page).")
w("")
peak_mb = int(meta["peak_kb"]) / 1024
w(f"**Memory**: peak working set of the app process (VmHWM from `/proc`) over the whole intake part: **{peak_mb:.0f} MB**")
w(f"(resident at its end {int(meta['rss_kb']) / 1024:.0f} MB). Goal < 500 MB: {ok(peak_mb < 500)}.")
w("")
api64 = intake.get(("api-intake", 64))
if api64:
    d, db, raw = api64
    met = d["acknowledgedPerSecond"] >= 1000 and d["errors"] == 0 and db == d["acknowledged"]
    w(f"**Goal: intake ≥ 1,000 submissions/s with 0 errors at 64 clients** — API: {d['acknowledgedPerSecond']:.0f}/s, "
      f"{d['errors']} errors, DB check {'equal' if db == d['acknowledged'] else 'DIFFERENT'}: {ok(met)}.")
    if not met:
        w("")
        app_ms, pg_ms = cpu_ms[("api-intake", 64)]
        w(f"What limits it: CPU. In this run the app used {app_ms:.2f} ms of CPU per API submission and PostgreSQL {pg_ms:.2f} ms")
        w("(user + system ticks of the processes over the run, `/proc/<pid>/stat`), the load client some more on the")
        w(f"same cores: 2 free cores would carry at most about {2000 / (app_ms + pg_ms):.0f}/s, and the other builds on the machine")
        w("take a large part of them (see the load average). The raw baseline shows what PostgreSQL alone does with the")
        w("same rows at the same concurrency.")
        w("Profiled with `dotnet-trace`/`perf` (JIT perf map): what was fixed is listed below; what remains is spread")
        w("over ASP.NET Core, EF Core change tracking and SQL generation for the four inserts, Npgsql and the JSON")
        w("formatting of the two log lines. Next steps if the goal must be met on this hardware: compiled models /")
        w("a hand-written INSERT for intake instead of EF change tracking, one round trip for reference + duplicate")
        w("check, and a dedicated (unshared) machine.")
w("")
w("Fixes made for intake (each with its before/after in its commit): log lines written by a bounded background")
w("writer instead of synchronously to stderr; verified API keys cached 30 s (revocation invalidates at once on this")
w("instance, within 30 s elsewhere); the controller's name from the existing profile cache; no savepoint round trips")
w("inside the command transaction; pooled DbContext; validators built once; no tiered JIT (methods stayed at tier 0 /")
w("instrumented under load). Together: app CPU per API submission 4.3 → 1.2 ms, PostgreSQL 1.7 → 1.1 ms.")
w("")

# ---------------------------------------------------------------------------------------------- queue
w(f"## Queue with {int(meta['queue_count']):,} requests ({int(meta['queue_open']):,} open)")
w("")
w(f"4 clients for {meta['queue_seconds']} s each, first page (50 rows) of the DPO queue page signed in as the DPO")
w("(full HTML) and of `GET /api/v1/requests` with a DPO API key. Raw baseline: the keyset query itself (first 51 open")
w("requests by current due date, id) through `pgbench` with 4 clients.")
w("")
w("| what | requests | p50 ms | p95 ms | max ms | errors |")
w("|---|---|---|---|---|---|")
qp, qa = load("queue-page.json"), load("queue-api.json")
raw_tps, raw_lat = pgbench(load("queue-pgbench.txt"))
for name, d in (("queue page `/Dpo/Queue`", qp), ("queue API `GET /api/v1/requests`", qa)):
    if d:
        w(f"| {name} | {d['requests']} | {d['p50Ms']:.1f} | {d['p95Ms']:.1f} | {d['maxMs']:.1f} | {d['errors']} |")
if raw_lat:
    w(f"| raw keyset query (pgbench) | {raw_tps:.0f} tx/s | avg {raw_lat:.2f} | | | |")
w("")
if qp and qa:
    worst = max(qp["p95Ms"], qa["p95Ms"])
    w(f"Goal: queue p95 < 50 ms — page {qp['p95Ms']:.1f} ms, API {qa['p95Ms']:.1f} ms: {ok(worst < 50)}."
      + (f" Ratio p50 page / raw query latency: {qp['p50Ms'] / raw_lat:.1f}; API: {qa['p50Ms'] / raw_lat:.1f}." if raw_lat else ""))
explain = load("queue-explain.txt")
if explain:
    w("")
    w("Plan of the keyset query on this data:")
    w("")
    w("```")
    w(explain.strip())
    w("```")
w("")

# ---------------------------------------------------------------------------------------------- plan
w("## Plan and access package for a candidate with 10,000 records")
w("")
plans = load("plans.txt") or ""
table = [l for l in plans.splitlines() if l.startswith("|")]
means = []
w("`bench/Plans` (BenchmarkDotNet 0.14.0, `ShortRun`, memory diagnoser), run by the script: `PlanEngine.Build` for one")
w("former temporary worker with 10,000 records against the real ASAP register (16 purposes, 28 rules) for an erasure,")
w("an access and a portability sub-request; the records are spread as a long career fills them (3,000 payslips,")
w("500 tax forms, 1,000 assignments, 1,000 applications, 500 client disclosures, 500 survey answers, 500 contact")
w("messages, 100 each of CVs, interview notes, consents, experience, education, the rest professional e-mails) with")
w("dates over ten years. No database: loading 10,000 rows (`RequestPlanner`, split queries) is not in this number.")
w("")
if table:
    w("\n".join(table))
    for l in table[2:]:
        cells = [c.strip() for c in l.strip("|").split("|")]
        m = re.match(r"([0-9.,]+) (ms|us|μs|s)", cells[2]) if len(cells) > 2 else None
        if m:
            v = float(m.group(1).replace(",", ""))
            means.append(v * {"ms": 1, "us": 0.001, "μs": 0.001, "s": 1000}[m.group(2)])
    if means:
        w("")
        w(f"Goal: plan < 100 ms — slowest mean {max(means):.1f} ms: {ok(max(means) < 100)}.")
else:
    w("The plan benchmark did not produce a table in this run (see the script's output).")
w("")
w(f"Access-package build: {meta['package_note']}. The unit test")
w("`PlanContractTests.Build_handles_10000_records_well_under_100_ms` also guards the plan budget in CI.")
w("")

# ---------------------------------------------------------------------------------------------- sweep
w(f"## Retention sweep over {int(meta['sweep_rows']):,} expired records vs one plain DELETE")
w("")
sweep = load("sweep.txt") or ""
w("`bench/Sweep` on the same durable cluster (its own database): 10,000 working candidates with a running")
w("assignment, and the given number of professional e-mails collected 2020-01-01 (ASAP: Collected + P3Y: expired),")
w("with time-ordered ids as the app makes them. One warm-up sweep (nothing due), then pairs side by side: the sweep")
w("(`RetentionSweep.RunAsync`: decisions, holds, access freezes, deletion, ledger rows, audit) and one plain")
w("`DELETE FROM professional_emails WHERE collected_on < '2023-01-01'` of the same rows, re-inserted.")
w("")
w("| pair | sweep s | plain DELETE s | ratio sweep / DELETE |")
w("|---|---|---|---|")
pairs = re.findall(r"PAIR rows=\d+ sweep_s=([0-9.]+) delete_s=([0-9.]+) ratio=([0-9.]+)", sweep)
for i, (s, d, r) in enumerate(pairs, 1):
    w(f"| {i} | {float(s):.2f} | {float(d):.2f} | {float(r):.2f} |")
ratio = None
res = re.search(r"RESULT rows=\d+ pairs=\d+ sweep_s=([0-9.]+) delete_s=([0-9.]+) ratio=([0-9.]+)", sweep)
if res:
    ratio = float(res.group(3))
    w(f"| **median** | {float(res.group(1)):.2f} | {float(res.group(2)):.2f} | **{ratio:.2f}** |")
    w("")
    w(f"Goal: sweep ≥ 0.8× the plain DELETE speed (ratio ≤ 1.25): median {ratio:.2f} → {1 / ratio:.2f}× the DELETE speed: {ok(ratio <= 1.25)}.")
    w("")
    w("How the sweep erases: for record sets whose retention decision depends on the collection date only (besides")
    w("the person's facts, e.g. these e-mails), it does not read the records to decide. Per candidate, the C#")
    w("`RetentionCalculator` — the single reference for RET-4..RET-7 — gives a cut-off date (records collected on or")
    w("before it have every applicable rule expired; expiries never decrease with the collection date, so bisection")
    w("finds it) and the reported rule on each side of at most one split date; candidates sharing facts share one plan.")
    w("Then, in one repeatable-read transaction per record set, ONE `DELETE … USING` the 10,000 plans erases the due")
    w("records in a single sequential hash-join pass, while a second connection on the same exported snapshot counts")
    w("them per candidate and rule for the ledger (RET-11); the counts are checked against the rows deleted and")
    w("committed with them. Record sets whose decisions read other per-record facts (case closing, tax year, the")
    w("consent record's dates), and the rare candidates whose reported rule changes more than once, are still read")
    w("grouped by those facts and decided per group. `SetBasedSweepPropertyTests` holds both paths to a per-record")
    w("reference on random data (caps, floors, split rules, DPO review, scheduled erasures, holds).")
    if ratio > 1.25:
        w("")
        w("What limits it: the per-candidate ledger counts. A plain DELETE counts nothing; counting inside the DELETE")
        w("(`RETURNING` aggregated in a CTE) refetches every deleted row and roughly doubled its time, so the count is a")
        w("second pass over the table run at the same time as the DELETE on another connection. That hides its cost")
        w("only when a core is free: on a busy 2-core machine the two passes compete and the DELETE itself slows down.")
        w("The fixed part (loading 10,000 people's facts, plans, the 18 other record sets, the ledger insert of 10,000")
        w("rows, the audit event) adds about 0.1–0.3 s. Before: grouped read then DELETE (ratio 2.2–2.75); before that,")
        w("per-record decisions and id chunks (ratio 9.5–12.3).")
else:
    w("The sweep benchmark did not report (see the script's output).")
w("")

# ---------------------------------------------------------------------------------------------- summary
w("## Goals")
w("")
w("| goal | result | met |")
w("|---|---|---|")
if api64:
    d, db, _ = api64
    w(f"| intake ≥ 1,000/s, 0 errors at 64 clients (API) | {d['acknowledgedPerSecond']:.0f}/s, {d['errors']} errors | {ok(d['acknowledgedPerSecond'] >= 1000 and d['errors'] == 0)} |")
if meta["form_status"] != "200":
    w("| same for the portal form | pending (form not merged) | – |")
elif intake.get(("form-intake", 64)):
    d, db, _ = intake[("form-intake", 64)]
    w(f"| same for the portal form | {d['acknowledgedPerSecond']:.0f}/s, {d['errors']} errors | {ok(d['acknowledgedPerSecond'] >= 1000 and d['errors'] == 0)} |")
if qp and qa:
    w(f"| queue p95 < 50 ms | page {qp['p95Ms']:.1f} ms, API {qa['p95Ms']:.1f} ms | {ok(max(qp['p95Ms'], qa['p95Ms']) < 50)} |")
if table and means:
    w(f"| plan < 100 ms | {max(means):.1f} ms | {ok(max(means) < 100)} |")
if res:
    w(f"| sweep ≥ 0.8× plain DELETE | {1 / ratio:.2f}× (ratio {ratio:.2f}) | {ok(ratio <= 1.25)} |")
w(f"| peak memory < 500 MB | {peak_mb:.0f} MB | {ok(peak_mb < 500)} |")
w("")
w("Reproduce: `bash bench/run.sh` from the repository root (about 12 minutes here; `SECONDS_PER_RUN=10` for a quick smoke")
w("run whose figures are not comparable). Tools: .NET SDK 10, PostgreSQL 15 (`initdb`, `pg_ctl`, `psql`, `pgbench`),")
w("curl, python3.")

# Sections written by hand (e.g. "## Fault tests", produced by the test suite) are kept as they are.
kept = ""
if os.path.exists(out):
    with open(out, encoding="utf-8") as f:
        previous = f.read()
    marker = previous.find("\n## Fault tests")
    if marker >= 0:
        kept = "\n" + previous[marker + 1:]
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n" + kept)
