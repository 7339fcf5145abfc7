#!/usr/bin/env bash
# shellcheck disable=SC2317 # summary() and sum_trx() run from the EXIT trap
# Run all tests: ./test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Venues]
#
# Installs what is missing (PostgreSQL 15 + PostGIS, Chromium, CJK fonts, poppler-utils), starts the
# project-local test cluster (fast, non-durable settings), builds once and runs every test project.
# The last line of output is always "N passed, N failed" (", N skipped" appended when some were
# skipped). Exit code 0 only if the build succeeded, nothing failed and something passed.
#
# Environment:
#   INSPECTIONS_TEST_PG_PORT     port of the test PostgreSQL cluster (default 55433)
#   INSPECTIONS_TEST_VERBOSITY   console logger verbosity of dotnet test (default normal)
# Exported to the tests:
#   INSPECTIONS_TEST_PG          Npgsql connection string without Database (tests create their own
#                                databases named test_*, dropped at the start of the next run)
#   INSPECTIONS_CHROMIUM         /usr/bin/chromium (Playwright ExecutablePath)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

PG_PORT="${INSPECTIONS_TEST_PG_PORT:-55433}"
RESULTS_DIR="$ROOT/.testresults"
BUILD_OK=0
TEST_RC=""
SUMMARY_DONE=0

# Sum the <Counters> of every .trx file. Prints "passed failed skipped".
sum_trx() {
  local dir="$1"
  if command -v python3 >/dev/null 2>&1 && python3 -c 'import xml.etree.ElementTree' 2>/dev/null; then
    python3 - "$dir" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True)):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"warning: cannot parse {path}: {e}", file=sys.stderr)
        failed += 1
        continue
    local = lambda e: e.tag.rsplit("}", 1)[-1]
    for c in root.iter():
        if local(c) != "Counters":
            continue
        n = lambda k: int(c.get(k, "0") or 0)
        passed += n("passed")
        failed += n("failed") + n("error") + n("timeout") + n("aborted")
        # Skipped tests are results with outcome NotExecuted; the notExecuted counter often stays 0.
        not_run = sum(1 for results in root.iter() if local(results) == "Results"
                      for r in results if r.get("outcome") == "NotExecuted")
        skipped += max(n("notExecuted"), not_run)
        break
print(passed, failed, skipped)
PY
  else
    local passed=0 failed=0 skipped=0 f line a
    while IFS= read -r -d '' f; do
      line="$(tr '\n' ' ' <"$f" | grep -o '<Counters [^>]*>' | head -n1 || true)"
      local not_run
      not_run="$(grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$f" | wc -l || true)"
      skipped=$((skipped + not_run))
      for a in passed failed error timeout aborted; do
        local v
        v="$(sed -n "s/.* $a=\"\([0-9]*\)\".*/\1/p" <<<"$line")"
        v="${v:-0}"
        case "$a" in
          passed) passed=$((passed + v)) ;;
          *) failed=$((failed + v)) ;;
        esac
      done
    done < <(find "$dir" -name '*.trx' -print0 2>/dev/null)
    echo "$passed $failed $skipped"
  fi
}

summary() {
  local rc=$? passed=0 failed=0 skipped=0
  ((SUMMARY_DONE)) && return
  SUMMARY_DONE=1
  set +e
  if ((BUILD_OK)); then
    read -r passed failed skipped < <(sum_trx "$RESULTS_DIR")
    passed="${passed:-0}" failed="${failed:-0}" skipped="${skipped:-0}"
    if [[ "$TEST_RC" != 0 && "$failed" -eq 0 ]]; then
      # dotnet test failed without a failed test in the .trx files (test host crash, aborted run,
      # interrupted run...): count it as one failure so the summary never looks green.
      echo "dotnet test did not succeed (exit code: ${TEST_RC:-not started}) but no failed test was recorded: counting 1 failure." >&2
      failed=1
    fi
  else
    passed=0 failed=1 skipped=0
  fi
  local line="$passed passed, $failed failed"
  ((skipped > 0)) && line+=", $skipped skipped"
  echo
  echo "$line"
  if ((BUILD_OK && failed == 0 && passed > 0)); then
    exit 0
  fi
  exit $((rc == 0 ? 1 : rc))
}
trap summary EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_apt_packages postgresql-15-postgis-3 chromium fonts-noto-cjk poppler-utils
"$ROOT/scripts/fonts.sh"
ensure_dotnet

# One test run at a time per checkout (runs share the cluster and drop each other's databases).
LOCK_FILE="/tmp/inspections-test-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12).lock"
exec 9>"$LOCK_FILE"
if ! flock -n 9; then
  log "Another ./test.sh is running in this checkout; waiting for it to finish"
  flock 9
fi

# Long-lived processes started below (postgres, build servers) must not inherit the lock: 9>&-.
ensure_cluster test "$PG_PORT" test 9>&-

# Databases left over by earlier runs (tests create test_* databases with random names).
stale="$(pg_psql "$PG_PORT" postgres -At -c "select datname from pg_database where datname like 'test\_%'")"
if [[ -n "$stale" ]]; then
  log "Dropping $(wc -l <<<"$stale") leftover test database(s)"
  while IFS= read -r db; do
    [[ -n "$db" ]] || continue
    pg_psql "$PG_PORT" postgres -c "DROP DATABASE IF EXISTS \"${db//\"/\"\"}\" WITH (FORCE)" >/dev/null ||
      warn "could not drop database $db"
  done <<<"$stale"
fi

export INSPECTIONS_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Include Error Detail=true"
export INSPECTIONS_CHROMIUM=/usr/bin/chromium
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

log "Building Inspections.sln (Release)"
dotnet build Inspections.sln -c Release -nologo 9>&- || exit 1
BUILD_OK=1

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
log "Running tests"
TEST_RC="not finished"
dotnet test Inspections.sln -c Release --no-build \
  --logger "trx;LogFilePrefix=results" \
  --logger "console;verbosity=${INSPECTIONS_TEST_VERBOSITY:-normal}" \
  --results-directory "$RESULTS_DIR" \
  "$@" 9>&- && TEST_RC=0 || TEST_RC=$?
exit "$TEST_RC"
