#!/usr/bin/env bash
# Does TieredCompilation=false (src/PrivacyDesk.Web/PrivacyDesk.Web.csproj) still pay? One published Release app, run
# alternately as built and with DOTNET_TieredCompilation=1 (the environment variable overrides the runtimeconfig value;
# the JIT's own method summary, printed first, shows it: tier-0 methods appear only with the variable), API intake
# with 64 clients; prints the app's CPU per submission (user + system ticks from /proc), start-up and load average.
#
#   bash bench/tiered.sh                         # 3 pairs, 30 s each after a 5 s warm-up
#   PAIRS=2 WARMUP=20 SECONDS_PER_RUN=60 bash bench/tiered.sh
#
# Needs what bench/run.sh needs (dotnet SDK 10, PostgreSQL 15 binaries, psql, curl, python3); stops what it starts.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN_SECONDS="${SECONDS_PER_RUN:-30}"
PAIRS="${PAIRS:-3}"
WARMUP="${WARMUP:-5}"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
WORK="$(mktemp -d /tmp/privacydesk-tiered.XXXXXX)"
PGPORT="${PGPORT:-$((56000 + RANDOM % 2000))}"
APPPORT="${APPPORT:-$((58000 + RANDOM % 2000))}"
BASE="http://127.0.0.1:$APPPORT"
mkdir -p "$WORK/mail" "$WORK/keys"
log() { echo "[tiered $(date +%H:%M:%S)] $*" >&2; }

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

log "building (Release) in $WORK"
dotnet publish "$ROOT/src/PrivacyDesk.Web" -c Release -o "$WORK/app" -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
dotnet build "$ROOT/bench/LoadClient" -c Release -o "$WORK/load" -nologo -v q >>"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
log "runtimeconfig: $(grep -o '"System.Runtime.TieredCompilation": [a-z]*' "$WORK/app/PrivacyDesk.Web.runtimeconfig.json" || echo 'TieredCompilation not set')"

"${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
PSQL=(psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1)
"${PSQL[@]}" -c "CREATE DATABASE privacydesk"
q() { "${PSQL[@]}" -d privacydesk -At -c "$1"; }
export ConnectionStrings__PrivacyDesk="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=privacydesk;Maximum Pool Size=$((8 * $(nproc)))"
export ASPNETCORE_ENVIRONMENT=Production DataProtection__KeysPath="$WORK/keys" RateLimiting__Enabled=false \
  Mail__PickupDirectory="$WORK/mail" Mail__PublicBaseUrl="$BASE" ASPNETCORE_URLS="$BASE" DOTNET_CLI_TELEMETRY_OPTOUT=1
APP=("$WORK/app/PrivacyDesk.Web")
(cd "$WORK/app" && "${APP[@]}" seed-demo >"$WORK/seed.log" 2>&1)
KEY=$(cd "$WORK/app" && "${APP[@]}" create-api-key bench-tiered --role Intake 2>/dev/null | tail -1)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
HZ=$(getconf CLK_TCK)
start_app() { # TIERED(0|1) [NAME=VALUE ...]: 1 adds DOTNET_TieredCompilation=1
  local tiered=$1 t0; shift; t0=$(date +%s%N)
  local extra=("$@"); [ "$tiered" = 1 ] && extra+=(DOTNET_TieredCompilation=1)
  (cd "$WORK/app" && exec env "${extra[@]}" "${APP[@]}" >"$WORK/app.out" 2>"$WORK/app.err") &
  APP_PID=$!
  for _ in $(seq 1 480); do
    if curl -fs "$BASE/health/ready" >/dev/null 2>&1; then READY_MS=$(( ($(date +%s%N) - t0) / 1000000 )); READY_TICKS=$(ticks "$APP_PID"); return 0; fi
    sleep 0.25
  done
  log "the app did not become ready"; tail -20 "$WORK/app.err"; exit 1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }

for t in 0 1; do
  start_app "$t" DOTNET_JitStdOutFile="$WORK/jit-$t.txt" DOTNET_JitDisasmSummary=1
  stop_app
  log "tiered=$t, JIT summary of the start-up: $(grep -c 'Tier0' "$WORK/jit-$t.txt" || true) tier-0, $(grep -c 'FullOpts' "$WORK/jit-$t.txt" || true) fully optimised methods"
done
for i in $(seq 1 "$PAIRS"); do
  for t in 0 1; do
    start_app "$t"
    "$WORK/load/LoadClient" api-intake --url "$BASE" --concurrency 16 --seconds "$WARMUP" --api-key "$KEY" >/dev/null
    before=$(q "SELECT count(*) FROM requests"); a0=$(ticks "$APP_PID"); l0=$(cut -d' ' -f1 /proc/loadavg)
    "$WORK/load/LoadClient" api-intake --url "$BASE" --concurrency 64 --seconds "$RUN_SECONDS" --api-key "$KEY" >/dev/null
    a1=$(ticks "$APP_PID"); after=$(q "SELECT count(*) FROM requests"); l1=$(cut -d' ' -f1 /proc/loadavg)
    python3 -c "n=max(1,$after-$before); print(f'pair $i tiered=$t: {n} submissions, app CPU {($a1-$a0)*1000/$HZ/n:.2f} ms per submission, {n/$RUN_SECONDS:.0f}/s; ready in $READY_MS ms, {$READY_TICKS*1000/$HZ:.0f} ms CPU; load average $l0 -> $l1')"
    stop_app
  done
done
