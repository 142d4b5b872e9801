#!/usr/bin/env bash
# Runs Debian's wapiti and sqlmap against PrivacyDesk on loopback (docs/security.md) and writes their reports to
# bench/security/results/. Builds the app in Release, starts a throwaway PostgreSQL and the app with
# Production settings and the demo data, creates an Intake API key, then:
#   1. wapiti  on the public portal with WAPITI_MODULES (sql, blindsql = time-based injection, xss, permanentxss,
#      exec, file, crlf, redirect, csrf, xxe, methods, cookieflags, http_headers, csp; not ssrf, which asks an
#      Internet endpoint for its results: the scan stays on loopback). Every name is checked against
#      `wapiti --list-modules` first: a module this wapiti does not have stops the script (wapiti itself would
#      skip it silently, as it did with "timesql", so time-based injection was never tested);
#   2. sqlmap  on the request form POST /Requests/New (antiforgery token fetched before every try);
#   3. sqlmap  on the API: POST /api/v1/requests (JSON) and GET /api/v1/requests (query filters).
# Loopback only; every scanner has a time bound (WAPITI_SECONDS, SQLMAP_SECONDS). About 15-25 minutes.
#
# Rate limiting: RATE_LIMIT=off (default) switches the portal's limiter off, because with the production
# limit (20 requests/min per IP on the form and the secret-link pages) the scanners get 429 for almost
# every attack and test nothing. RATE_LIMIT=on runs with the production limit (proves the 429s, tests little).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

WAPITI_SECONDS=${WAPITI_SECONDS:-900}
WAPITI_MODULES=${WAPITI_MODULES:-sql,blindsql,xss,permanentxss,exec,file,crlf,redirect,csrf,xxe,methods,cookieflags,http_headers,csp}
SQLMAP_SECONDS=${SQLMAP_SECONDS:-420}
RATE_LIMIT=${RATE_LIMIT:-off}
PORT=${PORT:-5181}
BASE="http://127.0.0.1:$PORT"
RESULTS="$ROOT/bench/security/results"
WORK=$(mktemp -d /tmp/privacydesk-scan.XXXXXX)
chmod 755 "$WORK"

need=()
command -v wapiti >/dev/null 2>&1 || need+=(wapiti)
command -v sqlmap >/dev/null 2>&1 || need+=(sqlmap)
if ((${#need[@]})); then
  if [ "$(id -u)" = "0" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Install ${need[*]} first (sudo apt-get install -y ${need[*]})." >&2
    exit 1
  fi
fi
# Fail on a module name this wapiti does not know, before anything is built or started.
available=$(wapiti --list-modules 2>/dev/null | grep -E '^\s+[a-z_]+( \(used by default\))?$' | awk '{print $1}')
unknown=()
for module in ${WAPITI_MODULES//,/ }; do
  grep -qx "$module" <<<"$available" || unknown+=("$module")
done
if ((${#unknown[@]})); then
  echo "wapiti $(wapiti --version 2>/dev/null | tail -1) has no module ${unknown[*]}; it has: $(echo $available)" >&2
  exit 2
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$PGBIN/initdb" ] || PGBIN=$(dirname "$(command -v initdb)")

APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  [ -f "$WORK/app.log" ] && cp "$WORK/app.log" "$RESULTS/app.log"
  if [ -f "$WORK/pg/postmaster.pid" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== build (Release)"
dotnet publish src/PrivacyDesk.Web -c Release -o "$WORK/app" --nologo -v quiet >/dev/null

echo "== PostgreSQL (throwaway, loopback)"
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$WORK/pg" "$WORK/pglog" && chown postgres "$WORK/pg" "$WORK/pglog"
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -U postgres -A trust -E UTF8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" -l "$WORK/pglog/pg.log" -w start >/dev/null
runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE privacydesk" >/dev/null

export ASPNETCORE_ENVIRONMENT=Production
export ASPNETCORE_URLS="$BASE"
export ConnectionStrings__PrivacyDesk="Host=127.0.0.1;Port=$PGPORT;Database=privacydesk;Username=postgres"
export Demo__SeedOnStartup=true
export DataProtection__KeysPath="$WORK/keys"
export Suppression__Key="scan-$(date +%s)-$RANDOM"
export Mail__PickupDirectory="$WORK/mail"
export Mail__PublicBaseUrl="$BASE"
export RateLimiting__Enabled=$([ "$RATE_LIMIT" = "on" ] && echo true || echo false)
mkdir -p "$WORK/mail" "$RESULTS"

echo "== app (Production settings, demo data, rate limiting $RATE_LIMIT) on $BASE"
(cd "$WORK/app" && exec dotnet PrivacyDesk.Web.dll >"$WORK/app.log" 2>&1) &
APP_PID=$!
# Demo seeding takes a minute or more on a busy 2-core machine.
for _ in $(seq 1 "${READY_SECONDS:-300}"); do
  curl -fs "$BASE/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "$BASE/health/ready" >/dev/null || { echo "The app did not become ready:"; tail -30 "$WORK/app.log"; exit 1; }
KEY=$(cd "$WORK/app" && dotnet PrivacyDesk.Web.dll create-api-key scanner --role Intake 2>/dev/null | tail -1)
[ -n "$KEY" ] || { echo "No API key created." >&2; exit 1; }

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "wapiti: $(wapiti --version 2>/dev/null | tail -1)"
  echo "sqlmap: $(sqlmap --version 2>/dev/null | head -1)"
  echo "rate limiting: $RATE_LIMIT"
  echo "wapiti modules: $WAPITI_MODULES"
} | tee "$RESULTS/summary.txt"

echo "== wapiti (at most ${WAPITI_SECONDS}s)"
# Anonymous scan: staff pages answer with the login page (its form and ReturnUrl are attacked too).
# No -x exclusions: Debian's wapiti 3.0.4 fails on any of them under Python 3.11 ("global flags not at the start").
timeout $((WAPITI_SECONDS + 120)) wapiti -u "$BASE/" --scope folder \
  -m "$WAPITI_MODULES" -v 1 \
  -s "$BASE/Requests/New" -s "$BASE/Requests/Find" -s "$BASE/Requests/Status?r=PD-2026-000001&t=x" \
  -s "$BASE/Requests/Verify?r=PD-2026-000001&t=x" -s "$BASE/Requests/Download?t=x" \
  --max-scan-time "$WAPITI_SECONDS" --max-attack-time $((WAPITI_SECONDS / 6)) -d 4 --flush-session \
  -f json -o "$RESULTS/wapiti.json" >"$RESULTS/wapiti.log" 2>&1 || echo "wapiti exited with $?"
python3 - "$RESULTS/wapiti.json" <<'PY' | tee -a "$RESULTS/summary.txt"
import json, sys
r = json.load(open(sys.argv[1]))
found = {k: len(v) for k, v in r.get("vulnerabilities", {}).items() if v}
anomalies = {k: len(v) for k, v in r.get("anomalies", {}).items() if v}
print("wapiti vulnerabilities:", found or "none")
print("wapiti anomalies (500s, timeouts):", anomalies or "none")
PY
echo "wapiti crawled: $(grep -a '^\[+\] ' "$RESULTS/wapiti.log" | awk '{print $2, $3}' | cut -d'?' -f1 | sort -u | grep -c . || true) distinct method+path ($(grep -a -c '^\[+\] ' "$RESULTS/wapiti.log" || true) URLs with their parameters)" | tee -a "$RESULTS/summary.txt"

sqlmap_run() {
  local name=$1; shift
  echo "== sqlmap $name (at most ${SQLMAP_SECONDS}s)"
  timeout "$SQLMAP_SECONDS" sqlmap --batch --level 2 --risk 1 --flush-session --disable-coloring \
    --output-dir "$WORK/sqlmap-$name" "$@" >"$RESULTS/sqlmap-$name.log" 2>&1 || echo "sqlmap $name exited with $? (timeout = 124)"
  local verdict
  if grep -q "is vulnerable\|sqlmap identified the following injection point" "$RESULTS/sqlmap-$name.log"; then
    verdict="INJECTABLE (see sqlmap-$name.log)"
  elif grep -q "all tested parameters do not appear to be injectable" "$RESULTS/sqlmap-$name.log"; then
    verdict="no injection found (all tested parameters)"
  else
    verdict="stopped by the time bound; $(grep -c "does not seem to be injectable" "$RESULTS/sqlmap-$name.log" || true) parameters tested, none injectable"
  fi
  echo "sqlmap $name: $verdict; HTTP error codes: $(grep -a -A1 "HTTP error codes detected during run" "$RESULTS/sqlmap-$name.log" | tail -1 | grep -v "HTTP error codes" || echo "none")$(grep -q "unable to connect" "$RESULTS/sqlmap-$name.log" && echo "; CONNECTION LOST")" | tee -a "$RESULTS/summary.txt"
}

FORM="Data.Types=Access&Data.FirstName=An&Data.LastName=Peeters&Data.Email=an.peeters%40example.be&Data.Phone=%2B32470123456&Data.DateOfBirth=1990-04-17&Data.Language=nl&Data.ContactConsent=true&Data.Description=Graag+inzage&Data.SubmissionKey=6f1c1a52-3b52-4a39-9d42-6f2d7d9b6a11&__RequestVerificationToken=x"
sqlmap_run form -u "$BASE/Requests/New" --data "$FORM" \
  --csrf-token=__RequestVerificationToken --csrf-url="$BASE/Requests/New" \
  -p "Data.FirstName,Data.LastName,Data.Email,Data.Phone,Data.DateOfBirth,Data.Language,Data.Description,Data.Types,Data.SubmissionKey"

JSON='{"types":["Access"],"channel":"Api","language":"nl","requester":{"firstName":"An","lastName":"Peeters","email":"an.peeters@example.be","phone":"+32470123456","dateOfBirth":"1990-04-12"},"description":"Graag inzage","details":{"explanation":"x","format":"json"}}'
sqlmap_run api-post -u "$BASE/api/v1/requests" --method POST --data "$JSON" \
  -H "X-Api-Key: $KEY" -H "Content-Type: application/json"

sqlmap_run api-get -u "$BASE/api/v1/requests?status=Received&type=Access&channel=Web&dueFrom=2026-01-01&dueTo=2027-12-31&limit=5&cursor=abc" \
  -H "X-Api-Key: $KEY"

echo "== app errors logged during the scans"
python3 - "$WORK/app.log" <<'PY' | tee -a "$RESULTS/summary.txt"
import json, sys
errors = 0
statuses = {}
for line in open(sys.argv[1], errors="replace"):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if e.get("Level") in ("Error", "Fatal"):
        errors += 1
    code = e.get("Properties", {}).get("StatusCode")
    if code is not None:
        statuses[code] = statuses.get(code, 0) + 1
print("app log: errors", errors, "; responses by status", dict(sorted(statuses.items())))
PY
kill -0 "$APP_PID" 2>/dev/null && echo "app still running after the scans: yes" | tee -a "$RESULTS/summary.txt" || echo "app still running after the scans: NO (see app.log)" | tee -a "$RESULTS/summary.txt"
echo "Reports in $RESULTS (summary.txt)."
