#!/usr/bin/env bash
# Developer loop: build and run ONE test project (or a filter) against the shared test cluster
# without dropping anyone's databases, with build output isolated per caller so that several
# people (or agents) can build the same checkout at once.
#
#   scripts/dev-test.sh NAME tests/Inspections.IntegrationTests [dotnet test args, e.g. --filter X]
#
# NAME selects the build output folder .artifacts/NAME (bin/obj of every project), so concurrent
# callers never write the same files. ./test.sh remains the one command that runs everything.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
NAME="${1:?usage: scripts/dev-test.sh NAME PROJECT [dotnet test args]}"
PROJECT="${2:?project path}"
shift 2
PG_PORT="${INSPECTIONS_TEST_PG_PORT:-55433}"
"$ROOT/scripts/fonts.sh" >/dev/null
ensure_cluster test "$PG_PORT" test
export INSPECTIONS_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Include Error Detail=true"
export INSPECTIONS_CHROMIUM=/usr/bin/chromium
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet test "$PROJECT" --artifacts-path "$ROOT/.artifacts/$NAME" "$@"
