#!/usr/bin/env bash
# One run of every benchmark, on loopback, writing docs/performance.md.
#
#   bash bench/run.sh                 # full run (about 12 minutes on the project's 2-core machine)
#   SECONDS_PER_RUN=10 bash bench/run.sh   # quick smoke run (figures not comparable)
#
# Builds Release, starts a throwaway PostgreSQL 15 cluster with its DURABLE defaults (fsync, synchronous_commit
# and full_page_writes on; only max_connections raised to 300 and the socket moved to loopback), starts the app
# (Release, ASPNETCORE_ENVIRONMENT=Production, RateLimiting__Enabled=false, Staff__RequireTwoFactor=false, mail to a pickup folder), generates
# the data, runs the benchmarks and a raw-PostgreSQL baseline next to each, and rewrites docs/performance.md.
# Everything it starts is stopped at the end (trap). Needs: dotnet SDK 10, PostgreSQL 15 binaries, pgbench, psql,
# curl, python3. Runs as root (PostgreSQL runs as the postgres user) or as a normal user.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN_SECONDS="${SECONDS_PER_RUN:-60}"
QUEUE_SECONDS="${QUEUE_SECONDS:-20}"
SWEEP_ROWS="${SWEEP_ROWS:-1000000}"
QUEUE_REQUESTS="${QUEUE_REQUESTS:-100000}"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
WORK="$(mktemp -d /tmp/privacydesk-bench.XXXXXX)"
PGPORT="${PGPORT:-$((56000 + RANDOM % 2000))}"
APPPORT="${APPPORT:-$((58000 + RANDOM % 2000))}"
BASE="http://127.0.0.1:$APPPORT"
OUT="$ROOT/docs/performance.md"
RESULTS="$WORK/results"
mkdir -p "$RESULTS" "$WORK/mail" "$WORK/keys"
STARTED_AT=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

AS_PG=()
if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); chown postgres "$WORK"; chmod 755 "$WORK"; fi

APP_PID=""
cleanup() {
  set +e
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [ -f "$WORK/pg/PG_VERSION" ] && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1
  [ -z "${KEEP_WORK:-}" ] && rm -rf "$WORK"
}
trap cleanup EXIT

# ------------------------------------------------------------------------------------------------ build
log "building (Release) in $WORK"
dotnet publish "$ROOT/src/PrivacyDesk.Web" -c Release -o "$WORK/app" -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
dotnet build "$ROOT/bench/LoadClient" -c Release -o "$WORK/load" -nologo -v q >>"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
dotnet build "$ROOT/bench/Sweep" -c Release -nologo -v q >>"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
dotnet build "$ROOT/bench/Packages" -c Release -nologo -v q >>"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

# ------------------------------------------------------------------------------------------------ PostgreSQL
log "starting PostgreSQL on 127.0.0.1:$PGPORT (durable defaults)"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
PSQL=(psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1)
"${PSQL[@]}" -c "CREATE DATABASE privacydesk" -c "CREATE DATABASE sweep" -c "CREATE DATABASE packages" -c "CREATE DATABASE raw"
DB=("${PSQL[@]}" -d privacydesk)
q() { "${DB[@]}" -At -c "$1"; }

# A pool sized to the machine: with 2 cores, 100 busy PostgreSQL backends spend their CPU contending with each other
# (measured: PostgreSQL CPU per submission 4.1-4.6 ms with 100 connections, 2.4-2.7 ms with 16, same load).
POOL_SIZE="${POOL_SIZE:-$((8 * $(nproc)))}"
export ConnectionStrings__PrivacyDesk="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=privacydesk;Maximum Pool Size=$POOL_SIZE"
# The load client signs in the demo DPO with a password only: two-factor enrolment (required for the Dpo role in
# production) is switched off here, or every queue page would be a redirect to the enrolment page.
export ASPNETCORE_ENVIRONMENT=Production DataProtection__KeysPath="$WORK/keys" RateLimiting__Enabled=false Staff__RequireTwoFactor=false \
  Mail__PickupDirectory="$WORK/mail" Mail__PublicBaseUrl="$BASE" ASPNETCORE_URLS="$BASE" DOTNET_CLI_TELEMETRY_OPTOUT=1
APP=("$WORK/app/PrivacyDesk.Web")

log "migrating, seeding the demo data, creating API keys"
(cd "$WORK/app" && "${APP[@]}" seed-demo >"$WORK/seed.log" 2>&1)
INTAKE_KEY=$(cd "$WORK/app" && "${APP[@]}" create-api-key bench-intake --role Intake 2>/dev/null | tail -1)
DPO_KEY=$(cd "$WORK/app" && "${APP[@]}" create-api-key bench-dpo --role Dpo 2>/dev/null | tail -1)

start_app() {
  (cd "$WORK/app" && exec "${APP[@]}" >"$WORK/app.out" 2>"$WORK/app.err") &
  APP_PID=$!
  for _ in $(seq 1 120); do curl -fs "$BASE/health/ready" >/dev/null 2>&1 && return 0; sleep 0.5; done
  log "the app did not become ready"; tail -20 "$WORK/app.err"; exit 1
}
log "starting the app on $BASE"
start_app

LOAD=("$WORK/load/LoadClient")
json() { python3 -c "import json,sys; d=json.load(open('$1')); print($2)"; }

# ------------------------------------------------------------------------------------------------ queue data
log "generating $QUEUE_REQUESTS requests for the queue"
curl -fs -o /dev/null -X POST "$BASE/api/v1/requests" -H "X-Api-Key: $INTAKE_KEY" -H 'Content-Type: application/json' \
  -d '{"types":["Access"],"channel":"Api","language":"nl","requester":{"firstName":"Template","lastName":"Request","email":"template@example.be"}}'
EXISTING=$(q "SELECT count(*) FROM requests")
TO_ADD=$((QUEUE_REQUESTS - EXISTING))
if [ "$TO_ADD" -gt 0 ]; then
  "${DB[@]}" <<SQL
-- Copies of the template request (every column the app wrote), varied where the queue looks: status,
-- due date, channel, names; one sub-request each. Ids are time-ordered like the app's UUID v7.
CREATE TEMP TABLE tpl AS SELECT * FROM requests WHERE requester_email = 'template@example.be';
CREATE TEMP TABLE tsub AS SELECT s.* FROM sub_requests s JOIN tpl ON s.request_id = tpl.id;
CREATE TEMP TABLE gen AS
SELECT g, gen_random_uuid() AS id,
       (ARRAY['Received','Verifying','Waiting','InProgress','Decided','Executing','Closed','Closed'])[1 + g % 8] AS status,
       (SELECT due_on FROM tpl) - 60 + (g % 120) AS due
FROM generate_series(1, $TO_ADD) g;
INSERT INTO requests
SELECT (jsonb_populate_record(NULL::requests, to_jsonb(tpl) || jsonb_build_object(
          'id', gen.id, 'reference', 'PD-BENCH-' || lpad(gen.g::text, 7, '0'), 'submission_key', NULL,
          'status', gen.status, 'due_on', gen.due, 'conservative_due_on', gen.due, 'max_extended_due_on', gen.due + 60,
          'requester_first_name', 'First' || gen.g, 'requester_last_name', 'Last' || gen.g,
          'requester_email', 'queue' || gen.g || '@example.be', 'status_token_hash', md5(gen.g::text),
          'channel', (ARRAY['Web','Api','Email','Post'])[1 + gen.g % 4]))).*
FROM gen, tpl;
INSERT INTO sub_requests
SELECT (jsonb_populate_record(NULL::sub_requests, to_jsonb(tsub) || jsonb_build_object('id', gen_random_uuid(), 'request_id', gen.id))).*
FROM gen, tsub;
ANALYZE requests; ANALYZE sub_requests;
SQL
fi
QUEUE_COUNT=$(q "SELECT count(*) FROM requests")
QUEUE_OPEN=$(q "SELECT count(*) FROM requests WHERE status NOT IN ('Closed','Withdrawn','Abandoned')")
log "requests in the database: $QUEUE_COUNT ($QUEUE_OPEN open)"

# ------------------------------------------------------------------------------------------------ queue latency
log "queue page (signed-in DPO) and queue API, ${QUEUE_SECONDS}s each, 4 clients"
"${LOAD[@]}" get --url "$BASE" --path /Dpo/Queue --concurrency 4 --seconds 3 --staff dpo@privacydesk.local >/dev/null
"${LOAD[@]}" get --url "$BASE" --path /Dpo/Queue --concurrency 4 --seconds "$QUEUE_SECONDS" --staff dpo@privacydesk.local >"$RESULTS/queue-page.json"
"${LOAD[@]}" get --url "$BASE" --path /api/v1/requests --concurrency 4 --seconds 3 --api-key "$DPO_KEY" >/dev/null
"${LOAD[@]}" get --url "$BASE" --path /api/v1/requests --concurrency 4 --seconds "$QUEUE_SECONDS" --api-key "$DPO_KEY" >"$RESULTS/queue-api.json"
cat >"$WORK/keyset.sql" <<'SQL'
SELECT id, reference, requester_first_name, requester_last_name, status, COALESCE(extended_due_on, due_on) AS due
FROM requests WHERE status NOT IN ('Closed', 'Withdrawn', 'Abandoned')
ORDER BY COALESCE(extended_due_on, due_on), id LIMIT 51;
SQL
pgbench -n -h 127.0.0.1 -p "$PGPORT" -U postgres -c 4 -j 2 -T "$QUEUE_SECONDS" -r -f "$WORK/keyset.sql" privacydesk >"$RESULTS/queue-pgbench.txt" 2>&1
"${DB[@]}" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $(cat "$WORK/keyset.sql")" >"$RESULTS/queue-explain.txt"

# ------------------------------------------------------------------------------------------------ intake
FORM_PATH=/Requests/New
FORM_STATUS=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$FORM_PATH")
proc_kb() { awk -v k="$1:" '$1==k {print $2}' "/proc/$APP_PID/status"; }
# CPU ticks (user + system) of the app and of this cluster's PostgreSQL processes (postmaster and its children).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
app_ticks() { ticks "$APP_PID"; }
pg_ticks() {
  local pm t=0 p; pm=$(head -1 "$WORK/pg/postmaster.pid"); t=$(ticks "$pm")
  for p in $(pgrep -P "$pm"); do t=$((t + $(ticks "$p"))); done; echo "$t"
}
run_intake() { # mode concurrency
  local mode=$1 c=$2 before after extra=()
  if [ "$mode" = api-intake ]; then extra=(--api-key "$INTAKE_KEY"); else
    extra=(--path "$FORM_PATH" --field Data.Types=Access --field Data.FirstName=Bench --field Data.LastName=Form \
      --field Data.Language=nl --field Data.ContactConsent=true --field Data.DateOfBirth=1990-04-12); fi
  before=$(q "SELECT count(*) FROM requests")
  local a0 p0; a0=$(app_ticks); p0=$(pg_ticks)
  # `times` in the subshell: the CPU the load client itself used on the same cores (user and system).
  ( "${LOAD[@]}" "$mode" --url "$BASE" --concurrency "$c" --seconds "$RUN_SECONDS" "${extra[@]}" >"$RESULTS/$mode-$c.json"; times >"$RESULTS/$mode-$c.client" )
  echo "$(( $(app_ticks) - a0 )) $(( $(pg_ticks) - p0 )) $(getconf CLK_TCK)" >"$RESULTS/$mode-$c.cpu"
  after=$(q "SELECT count(*) FROM requests")
  echo $((after - before)) >"$RESULTS/$mode-$c.db"
  log "$mode $c clients: $(json "$RESULTS/$mode-$c.json" "d['acknowledgedPerSecond'], '/s, errors', d['errors']"), database +$((after - before))"
}
log "intake runs, ${RUN_SECONDS}s each"
"${LOAD[@]}" api-intake --url "$BASE" --concurrency 16 --seconds 5 --api-key "$INTAKE_KEY" >/dev/null # warm-up (JIT, pools)
for c in 16 64 200; do run_intake api-intake "$c"; done
if [ "$FORM_STATUS" = 200 ]; then
  for c in 16 64 200; do run_intake form-intake "$c"; done
else
  log "portal form $FORM_PATH answers $FORM_STATUS: form intake pending"
fi
PEAK_KB=$(proc_kb VmHWM)
RSS_KB=$(proc_kb VmRSS)

# What the intake left to the background services (acknowledgement e-mails to send, audit events to seal): the CPU
# of the runs above does not include work still queued, so it is measured here until the queues are empty (<= 180 s).
BACKLOG_MAIL=$(q "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND NOT failed_permanently")
BACKLOG_AUDIT=$(q "SELECT count(*) FROM audit_events WHERE hash IS NULL")
DRAIN_T0=$(date +%s); DRAIN_A0=$(app_ticks); DRAIN_P0=$(pg_ticks)
for _ in $(seq 1 180); do
  [ "$(q "SELECT (SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND NOT failed_permanently) + (SELECT count(*) FROM audit_events WHERE hash IS NULL)")" = 0 ] && break
  sleep 1
done
echo "$BACKLOG_MAIL $BACKLOG_AUDIT $(( $(date +%s) - DRAIN_T0 )) $(( $(app_ticks) - DRAIN_A0 )) $(( $(pg_ticks) - DRAIN_P0 )) $(getconf CLK_TCK) $(q "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND NOT failed_permanently") $(q "SELECT count(*) FROM audit_events WHERE hash IS NULL")" >"$RESULTS/backlog.txt"
log "backlog after intake: $BACKLOG_MAIL e-mails, $BACKLOG_AUDIT audit events; $(cut -d' ' -f3 "$RESULTS/backlog.txt") s to drain"
# The raw baseline runs with the app stopped, so that its background work does not compete with pgbench.
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""

# Raw PostgreSQL: the rows one submission writes (request, sub-request, audit event, outbox e-mail), one transaction each.
"${PSQL[@]}" -d raw <<'SQL'
CREATE TABLE r (id uuid PRIMARY KEY, reference text UNIQUE, email text, first_name text, last_name text, status text, received_at timestamptz,
                due_on date, token_hash text, description text);
CREATE INDEX ON r (email);
CREATE TABLE s (id uuid PRIMARY KEY, request_id uuid REFERENCES r, type text, details text);
CREATE TABLE a (sequence bigserial PRIMARY KEY, occurred_at timestamptz, actor text, type text, summary text, request_id uuid);
CREATE TABLE o (id uuid PRIMARY KEY, to_address text, subject text, body_text text, body_html text, created_at timestamptz, request_id uuid);
CREATE SEQUENCE ref;
SQL
cat >"$WORK/intake.sql" <<'SQL'
BEGIN;
SELECT nextval('ref') AS n \gset
SELECT reference FROM r WHERE email = 'bench' || :n || '@example.be' LIMIT 1;
WITH r1 AS (INSERT INTO r VALUES (gen_random_uuid(), 'PD-' || :n, 'bench' || :n || '@example.be', 'Bench', 'Client', 'Received', now(), current_date + 30, md5(:n::text), NULL) RETURNING id, email),
     s1 AS (INSERT INTO s SELECT gen_random_uuid(), id, 'Access', '{}' FROM r1),
     a1 AS (INSERT INTO a (occurred_at, actor, type, summary, request_id) SELECT now(), 'api:bench', 'request.received', 'Request received via Api with 1 right(s).', id FROM r1)
INSERT INTO o SELECT gen_random_uuid(), email, 'We received your request', repeat('t', 900), repeat('h', 1800), now(), id FROM r1;
COMMIT;
SQL
for c in 16 64 200; do
  pgbench -n -h 127.0.0.1 -p "$PGPORT" -U postgres -c "$c" -j 2 -T 20 -f "$WORK/intake.sql" raw >"$RESULTS/raw-intake-$c.txt" 2>&1
done

# ------------------------------------------------------------------------------------------------ plan + package
log "plan benchmark (BenchmarkDotNet, bench/Plans)"
(cd "$ROOT" && dotnet run -c Release --project bench/Plans -- --filter '*' --artifacts "$WORK/bdn" >"$RESULTS/plans.txt" 2>&1) || log "plan benchmark failed (see $RESULTS/plans.txt)"
# From here on the app's own handlers run in-process (bench/Packages, bench/Sweep); the app server was stopped above.
log "plan and access / portability packages end to end against PostgreSQL (bench/Packages, own database)"
PACKAGES_CONNECTION="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=packages" \
  dotnet run -c Release --no-build --project "$ROOT/bench/Packages" -- "${PACKAGE_ITERATIONS:-20}" 3 >"$RESULTS/packages.txt" 2>&1 \
  || log "package benchmark failed (see $RESULTS/packages.txt)"

# ------------------------------------------------------------------------------------------------ sweep
log "retention sweep over $SWEEP_ROWS expired records vs one plain DELETE (same cluster)"
SWEEP_CONNECTION="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=sweep" \
  dotnet run -c Release --no-build --project "$ROOT/bench/Sweep" -- "$SWEEP_ROWS" "${SWEEP_PAIRS:-5}" >"$RESULTS/sweep.txt" 2>&1 || { cat "$RESULTS/sweep.txt"; exit 1; }

ENDED_AT=$(date +%s)
# ------------------------------------------------------------------------------------------------ report
log "writing $OUT"
python3 "$ROOT/bench/report.py" "$RESULTS" "$OUT" \
  "run_seconds=$RUN_SECONDS" "queue_seconds=$QUEUE_SECONDS" "queue_count=$QUEUE_COUNT" "queue_open=$QUEUE_OPEN" \
  "peak_kb=$PEAK_KB" "rss_kb=$RSS_KB" "pool_size=$POOL_SIZE" "form_status=$FORM_STATUS" "sweep_rows=$SWEEP_ROWS" \
  "elapsed=$((ENDED_AT - STARTED_AT))" "pg_version=$("$PGBIN/postgres" --version)" "dotnet=$(dotnet --version)" \
  "load_start=$LOAD_START" "load_end=$(cut -d' ' -f1-3 /proc/loadavg)"
log "done in $(( (ENDED_AT - STARTED_AT) / 60 )) min"
