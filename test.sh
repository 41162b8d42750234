#!/usr/bin/env bash
# The README's test command. On Debian or Ubuntu with the .NET 10 SDK it installs what the tests need and is not
# there yet (PostgreSQL, Node.js, poppler-utils and chromium from apt, the npm packages of each test folder), says
# what it installs first, starts a throwaway PostgreSQL server, runs every test project of Strata.slnx and prints
# the totals, and per test project the tests run on SQLite and on PostgreSQL (.ci/tests-by-database).
# Run it again and it installs nothing. sudo is used only when not root, and only for apt-get.
# Environment: STRATA_TEST_DATABASE_URL reuses a running server instead of starting one;
# STRATA_TEST_RESULTS names a file that receives the passed, failed and skipped counts and the skipped tests' names
# (.ci/run reads it).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { echo "== $*"; }

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is needed first: https://dotnet.microsoft.com/download (or apt-get install dotnet-sdk-10.0)" >&2
  exit 1
fi

# --- system packages (apt) -----------------------------------------------------------------------------------
missing=()
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v pdftotext >/dev/null || missing+=(poppler-utils) # PDF documents are converted by pdftotext
# A test prints a PDF with headless chromium (--print-to-pdf) to convert a real browser's PDF, not a hand-made one.
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing+=(chromium)
# The ONNX embedding tests build a tiny sentence encoder and its reference vectors with Debian's python3-onnx (and numpy).
/usr/bin/python3 -c 'import onnx, numpy' 2>/dev/null || python3 -c 'import onnx, numpy' 2>/dev/null || missing+=(python3-onnx)
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "The tests need ${missing[*]}, and this machine has no apt-get: install them with your package manager, then run $0 again." >&2
    exit 1
  fi
  as_root=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "Installing ${missing[*]} needs root: run $0 as root, or install sudo." >&2; exit 1; }
    as_root=(sudo)
  fi
  say "installing with apt-get${as_root:+ (through sudo)}: ${missing[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- npm packages: the official MCP TypeScript client, the reference memory server, the S3 test server, axe-core for
# the browser tests, the DuckDB export oracle, the Cypher parser, the peer benchmark ---
for dir in tests/mcp-ts-client tests/memory-server-diff tests/s3-server tests/Strata.Web.Tests tests/duckdb-oracle tests/cypher-parser bench/peer; do
  [ -f "$dir/package-lock.json" ] || continue
  # npm keeps a copy of the lock it installed in node_modules/.package-lock.json: same lock, nothing to do.
  if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    continue
  fi
  say "installing the npm packages of $dir (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
done

# --- every test project must be in the solution, or dotnet test would silently skip it -------------------------
for project in tests/*/*.csproj; do
  grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
  if ! grep -qF "Path=\"$project\"" Strata.slnx; then
    echo "$project is not in Strata.slnx, so its tests would not run: add it (dotnet sln Strata.slnx add $project)." >&2
    exit 1
  fi
done

# --- a throwaway PostgreSQL for the second backend, stopped on exit --------------------------------------------
if [ -z "${STRATA_TEST_DATABASE_URL:-}" ]; then
  export STRATA_PG_DIR=${STRATA_PG_DIR:-${TMPDIR:-/tmp}/strata-test-pg-$(id -u)}
  export STRATA_PG_PORT=${STRATA_PG_PORT:-54330}
  say "starting a throwaway PostgreSQL on 127.0.0.1:$STRATA_PG_PORT (data in $STRATA_PG_DIR)"
  # The tests' server keeps little write-ahead log (the default lets it grow to 1 GB between checkpoints): CI machines
  # share their disk, and a full one fails every test that writes.
  STRATA_TEST_DATABASE_URL=$(STRATA_PG_OPTIONS="-c max_wal_size=64MB -c min_wal_size=32MB" .ci/start-postgres)
  export STRATA_TEST_DATABASE_URL
  stop_postgres() {
    local bin; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$STRATA_PG_DIR/data" stop -m fast >/dev/null 2>&1 || true
    else "$bin/pg_ctl" -D "$STRATA_PG_DIR/data" stop -m fast >/dev/null 2>&1 || true; fi
  }
  trap stop_postgres EXIT
fi

# --- the tests ---------------------------------------------------------------------------------------------------
say "dotnet test Strata.slnx (the first run restores and builds everything, which takes a few minutes)"
log=$(mktemp)
trx=$(mktemp -d)
set +e
dotnet test Strata.slnx --logger trx --results-directory "$trx" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# A skipped test proves nothing: each one is named, so a missing tool or a skip left behind shows in the result.
skipped_tests=$(grep -E '^ +Skipped [^ ]' "$log" | sed -E 's/^ +Skipped (.*) \[[^]]*\]$/\1/' | sort || true)
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')

# Every test project must have reported, or one of them did not run at all.
for project in tests/*/*.csproj; do
  grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
  name=$(basename "$project" .csproj)
  if ! grep -Eq "(Passed|Failed|Skipped)!.* - $name\.dll" "$log"; then
    echo "$name reported no results: its tests did not run." >&2
    status=1
  fi
done
if [ "$status" != 0 ] && grep -q 'No space left on device' "$log"; then
  echo "The disk filled during the run (the failures above say 'No space left on device'); free now:" >&2
  df -h . "${TMPDIR:-/tmp}" >&2 || true
fi
rm -f "$log"

if [ "$skipped" -gt 0 ]; then
  echo "skipped tests:"
  echo "$skipped_tests" | sed 's/^/  /'
fi
# Per project, how many tests ran on SQLite and on PostgreSQL (they should be within a few of each other).
.ci/tests-by-database "$trx" || true
rm -rf "$trx"
totals="tests: $passed passed, $failed failed, $skipped skipped"
echo "$totals"
# The results file: the three counts on the first line, then the name of each skipped test (.ci/run checks them).
[ -z "${STRATA_TEST_RESULTS:-}" ] || { echo "$passed $failed $skipped"; [ -z "$skipped_tests" ] || echo "$skipped_tests"; } >"$STRATA_TEST_RESULTS"
exit "$status"
