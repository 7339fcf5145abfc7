#!/usr/bin/env bash
# Run Inspections locally: ./run.sh
#
# Installs what is missing (PostgreSQL 15 + PostGIS, CJK fonts, curl), starts a project-local
# PostgreSQL cluster, creates the database, builds and starts the web app, and waits for it.
# Ctrl+C stops the app (the database cluster keeps running; a second ./run.sh reuses it).
#
# Environment:
#   INSPECTIONS_PORT     HTTP port of the app              (default 5080)
#   INSPECTIONS_HOST     address the app binds to          (default 127.0.0.1; 0.0.0.0 for all)
#   INSPECTIONS_PG_PORT  port of the local PostgreSQL      (default 55432)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

APP_PORT="${INSPECTIONS_PORT:-5080}"
APP_HOST="${INSPECTIONS_HOST:-127.0.0.1}"
PG_PORT="${INSPECTIONS_PG_PORT:-55432}"
DB_NAME=inspections
RUN_LOG="$ROOT/.run.log"
HEALTH_TIMEOUT=180

# URL the app binds to, and the one we use to reach it.
BARE_HOST="${APP_HOST#[}"
BARE_HOST="${BARE_HOST%]}"
case "$BARE_HOST" in
  0.0.0.0 | '*' | '+') BIND_HOST="$BARE_HOST" PROBE_HOST=127.0.0.1 ;;
  ::) BIND_HOST='[::]' PROBE_HOST='[::1]' ;;
  *:*) BIND_HOST="[$BARE_HOST]" PROBE_HOST="[$BARE_HOST]" ;;
  *) BIND_HOST="$BARE_HOST" PROBE_HOST="$BARE_HOST" ;;
esac
BIND_URL="http://$BIND_HOST:$APP_PORT"
BASE_URL="http://$PROBE_HOST:$APP_PORT"

ensure_apt_packages postgresql-15-postgis-3 fonts-noto-cjk curl
"$ROOT/scripts/fonts.sh" || warn "document font missing: printing PDFs will fail until scripts/fonts.sh succeeds"
ensure_dotnet

ensure_cluster app "$PG_PORT" run
ensure_database "$PG_PORT" "$DB_NAME"
CONNECTION_STRING="$(connection_string "$PG_PORT" "$DB_NAME" run)"

# Refuse to start if something already answers on the app port (e.g. another ./run.sh).
if (exec 3<>"/dev/tcp/${PROBE_HOST//[\[\]]/}/$APP_PORT") 2>/dev/null; then
  die "port $APP_PORT is already in use on $PROBE_HOST (another ./run.sh?). Stop it or set INSPECTIONS_PORT."
fi

log "Building (Release)"
dotnet build src/Inspections.Web -c Release -nologo -v minimal ||
  die "build failed (see the errors above)"

log "Starting the app on $BIND_URL (log: .run.log)"
: >"$RUN_LOG"
# tee ignores INT/TERM so it keeps logging the app's shutdown after Ctrl+C.
exec 3> >(trap '' INT TERM; exec tee -a "$RUN_LOG")
TEE_PID=$!

SERVER_PID=""
STOPPING=0
forward_signal() {
  local sig="$1"
  STOPPING=$((STOPPING + 1))
  [[ -n "$SERVER_PID" ]] || exit 130
  ((STOPPING > 1)) && sig=KILL # second Ctrl+C: do not wait any longer
  # The app runs in its own session/process group: signal the whole group
  # (dotnet run + the app it launched).
  kill -s "$sig" -- "-$SERVER_PID" 2>/dev/null || kill -s "$sig" "$SERVER_PID" 2>/dev/null || true
}
trap 'forward_signal INT' INT
trap 'forward_signal TERM' TERM

ASPNETCORE_URLS="$BIND_URL" \
ASPNETCORE_ENVIRONMENT=Production \
ConnectionStrings__Inspections="$CONNECTION_STRING" \
Database__MigrateOnStartup=true \
Seed__DemoOnEmptyDatabase=true \
  setsid dotnet run --project src/Inspections.Web -c Release --no-launch-profile --no-build \
  </dev/null >&3 2>&3 &
SERVER_PID=$!
exec 3>&-

finish() { # exit code
  wait "$TEE_PID" 2>/dev/null || true
  exit "$1"
}

server_alive() { kill -0 "$SERVER_PID" 2>/dev/null; }

# Wait for GET /health == 200.
start_ts=$SECONDS
spin="|/-\\"
i=0
while :; do
  if ((STOPPING > 0)); then
    wait "$SERVER_PID" 2>/dev/null || true
    finish 130
  fi
  if ! server_alive; then
    rc=0
    wait "$SERVER_PID" 2>/dev/null || rc=$?
    printf '\n' >&2
    echo "---- last 50 lines of .run.log ----" >&2
    tail -n 50 "$RUN_LOG" >&2 || true
    echo "------------------------------------" >&2
    die "the app exited (code $rc) before it became healthy"
  fi
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/health" 2>/dev/null || true)"
  [[ "$code" == 200 ]] && break
  if ((SECONDS - start_ts >= HEALTH_TIMEOUT)); then
    printf '\n' >&2
    echo "---- last 50 lines of .run.log ----" >&2
    tail -n 50 "$RUN_LOG" >&2 || true
    forward_signal TERM
    wait "$SERVER_PID" 2>/dev/null || true
    die "the app did not answer 200 on $BASE_URL/health within ${HEALTH_TIMEOUT}s"
  fi
  if [[ -t 2 ]]; then
    printf '\r%s waiting for %s/health (%ss) ' "${spin:i++%4:1}" "$BASE_URL" "$((SECONDS - start_ts))" >&2
  else
    printf '.' >&2
  fi
  sleep 1
done
printf '\n' >&2

print_logins() {
  local body content_type out
  out="$(curl -s --max-time 5 -w '\n%{http_code} %{content_type}' "$BASE_URL/api/demo/logins" 2>/dev/null || true)"
  content_type="${out##*$'\n'}"
  body="${out%$'\n'*}"
  if [[ "$content_type" == "200 "*json* ]] && command -v python3 >/dev/null 2>&1; then
    if python3 -c '
import json, sys
rows = json.loads(sys.argv[1])
if not isinstance(rows, list) or not rows:
    sys.exit(1)
rows = [{k: str(r.get(k) or "") for k in ("userName", "password", "role", "roleName")} for r in rows]
wu = max(len(r["userName"]) for r in rows)
wp = max(len(r["password"]) for r in rows)
print("  Demo logins:")
for r in rows:
    print("    %-*s  password: %-*s  %s" % (wu, r["userName"], wp, r["password"], r["roleName"] or r["role"]))
' "$body" 2>/dev/null; then
      return 0
    fi
  fi
  echo "  Demo logins are listed in README.md."
}

server_alive || { wait "$SERVER_PID" || true; die "the app exited right after becoming healthy"; }
{
  echo
  echo "================================================================"
  echo "  Inspections is running:  $BASE_URL/"
  [[ "$BASE_URL" != "http://$BIND_HOST:$APP_PORT" ]] && echo "  (bound to $BIND_URL)"
  print_logins
  echo "  Log: .run.log    Stop: Ctrl+C"
  echo "================================================================"
  echo
}

# Wait for the app; `wait` returns early when a trapped signal arrives, so loop.
rc=0
while :; do
  wait "$SERVER_PID" && rc=0 || rc=$?
  server_alive || break
done
((STOPPING > 0)) && log "Stopped."
finish "$rc"
