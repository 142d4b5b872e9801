#!/usr/bin/env bash
# Runs every PrivacyDesk test (unit, integration on a throwaway PostgreSQL, browser journeys in Chromium)
# and prints "tests: N passed, N failed, N skipped" from the real TRX results.
# Installs what the tests need when it is missing and we are root (CI and fresh machines).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need_apt+=(postgresql)
fi
if ! command -v chromium >/dev/null 2>&1; then
  need_apt+=(chromium)
fi
# Chromium's own language packs: without them a date field shows mm/dd/yyyy whatever the page's language
# (the browser tests run their pages in nl-BE, fr-BE and en-GB).
if [ ! -f /usr/lib/chromium/locales/nl.pak ]; then
  need_apt+=(chromium-l10n)
fi
# The several-instances test puts two app instances behind Debian's nginx (run from /usr/sbin/nginx, own prefix in a temp folder).
if [ ! -x /usr/sbin/nginx ]; then
  need_apt+=(nginx)
fi
if ! command -v python3 >/dev/null 2>&1; then
  need_apt+=(python3)
fi
# The SMTP-outage test starts a real local SMTP server (Debian's python3-aiosmtpd, run by /usr/bin/python3).
if ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
  need_apt+=(python3-aiosmtpd)
fi
if ((${#need_apt[@]})); then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing ${need_apt[*]} ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "Missing ${need_apt[*]}: install them (sudo apt-get install ${need_apt[*]}) and run again." >&2
    exit 1
  fi
fi
# axe-core for the browser tests, Redocly CLI for the OpenAPI lint (reinstalled when a checkout predates one of them).
if [ -f tests/PrivacyDesk.IntegrationTests/package.json ] && { [ ! -d tests/PrivacyDesk.IntegrationTests/node_modules/axe-core ] || [ ! -x tests/PrivacyDesk.IntegrationTests/node_modules/.bin/redocly ]; }; then
  (cd tests/PrivacyDesk.IntegrationTests && npm ci --no-audit --no-fund --silent)
fi
# Kiota (.config/dotnet-tools.json) generates the API client the generated-client test compiles and runs.
dotnet tool restore >/dev/null

results="$(pwd)/TestResults"
rm -rf "$results"
status=0
dotnet test PrivacyDesk.sln --configuration Release --logger "trx" --results-directory "$results" "$@" || status=$?

python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
PY
summary=$?
if [ "$status" != "0" ] || [ "$summary" != "0" ]; then
  exit 1
fi
