# shellcheck shell=bash
# Shared helpers for run.sh / test.sh. Source it; it defines functions only
# (plus ROOT and a few PG_* defaults) and is safe under `set -euo pipefail`.
#
#   ensure_apt_packages pkg...         install only the missing Debian packages
#   ensure_dotnet                      require a .NET 10 SDK
#   ensure_cluster NAME PORT MODE      project-local PostgreSQL 15 cluster (MODE: run | test)
#   ensure_database PORT DBNAME        create DBNAME if missing + CREATE EXTENSION postgis
#   connection_string PORT DB [MODE]   Npgsql connection string (MODE defaults to run)
#   pg_psql PORT [DB] [psql args...]   psql over TCP as role postgres (password taken from .pgpassword)

if [[ -z "${ROOT:-}" ]]; then
  ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
fi
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PASSWORD_FILE="${PG_PASSWORD_FILE:-$ROOT/.pgpassword}"

log()  { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

_is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Run a command as the OS user that owns the clusters: `postgres` when we are root
# (PostgreSQL refuses to run as root), otherwise the current user.
_pg_as() {
  if _is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# ---------------------------------------------------------------------------
# apt
# ---------------------------------------------------------------------------
ensure_apt_packages() {
  local pkg status missing=()
  for pkg in "$@"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0

  command -v apt-get >/dev/null 2>&1 ||
    die "missing packages (${missing[*]}) and no apt-get here: install them by hand."
  local sudo=()
  if ! _is_root; then
    command -v sudo >/dev/null 2>&1 ||
      die "missing packages (${missing[*]}): run as root or install them by hand."
    sudo=(sudo)
  fi
  log "Installing missing packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
    die "apt-get update failed"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null ||
    die "apt-get install ${missing[*]} failed"
}

# ---------------------------------------------------------------------------
# .NET
# ---------------------------------------------------------------------------
ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    local d
    for d in "${DOTNET_ROOT:-}" "$HOME/.dotnet" /usr/share/dotnet /usr/lib/dotnet /opt/dotnet; do
      if [[ -n "$d" && -x "$d/dotnet" ]]; then
        export PATH="$d:$PATH"
        break
      fi
    done
  fi
  local sdks=""
  if command -v dotnet >/dev/null 2>&1; then
    sdks="$(dotnet --list-sdks 2>/dev/null || true)"
  fi
  if ! grep -q '^10\.' <<<"$sdks"; then
    {
      echo "ERROR: the .NET 10 SDK is required but was not found."
      if [[ -n "$sdks" ]]; then
        echo "Installed SDKs:"
        sed 's/^/  /' <<<"$sdks"
      else
        echo "(no 'dotnet' command on PATH)"
      fi
      echo "It is not in Debian's apt repositories. Install it from Microsoft, for example:"
      echo "  curl -fsSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0"
      echo "  export PATH=\"\$HOME/.dotnet:\$PATH\""
      echo "or see https://learn.microsoft.com/dotnet/core/install/linux-debian"
    } >&2
    exit 1
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

# Sets PG_DATA, PG_SOCK, PG_LOG for cluster NAME/PORT.
# Default: $ROOT/.pgdata-NAME, $ROOT/.pgsock-NAME, $ROOT/.pglog-NAME.log.
# If the `postgres` OS user cannot traverse $ROOT (e.g. a clone under /root), they go to
# /var/lib/inspections/<sha1($ROOT):12>/ instead. The socket dir also moves there if the
# socket path would exceed the kernel's 107-byte limit for unix socket paths.
_pg_paths() {
  local name="$1" port="$2" base="$ROOT" alt
  alt="/var/lib/inspections/$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)"
  PG_RELOCATED=""
  if _is_root && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
    base="$alt"
    PG_RELOCATED="the postgres OS user cannot traverse $ROOT"
  fi
  PG_DATA="$base/.pgdata-$name"
  PG_SOCK="$base/.pgsock-$name"
  PG_LOG="$base/.pglog-$name.log"
  if ((${#PG_SOCK} + ${#port} + 10 > 100)); then
    if _is_root; then
      PG_SOCK="$alt/.pgsock-$name"
    else
      PG_SOCK="/tmp/inspections-$(id -u)-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)-$name"
    fi
  fi
}

_pg_mkdir() { # dir mode
  mkdir -p "$1"
  _is_root && chown postgres:postgres "$1"
  chmod "$2" "$1"
}

_pg_running() { # data dir
  [[ -f "$1/PG_VERSION" ]] && _pg_as "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1
}

# Generate the run-mode password once; reuse it afterwards. Echoes 1 if newly generated.
_pg_password_ensure() {
  if [[ -s "$PG_PASSWORD_FILE" ]]; then
    chmod 600 "$PG_PASSWORD_FILE"
    echo 0
    return 0
  fi
  local pw
  pw="$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
  [[ ${#pw} -eq 48 ]] || die "could not generate a password"
  (umask 077 && printf '%s\n' "$pw" >"$PG_PASSWORD_FILE")
  chmod 600 "$PG_PASSWORD_FILE"
  echo 1
}

_pg_password() {
  [[ -s "$PG_PASSWORD_FILE" ]] || return 0
  head -n1 "$PG_PASSWORD_FILE" | tr -d '\r\n'
}

_pg_write_config() { # mode port
  local mode="$1" port="$2"
  # Our settings live in inspections.conf, rewritten at every (re)start; postgresql.conf includes it.
  if ! grep -q "^include_if_exists = 'inspections.conf'" "$PG_DATA/postgresql.conf"; then
    printf "\n# Project settings (written by scripts/lib.sh)\ninclude_if_exists = 'inspections.conf'\n" \
      >>"$PG_DATA/postgresql.conf"
  fi
  {
    echo "# Written by scripts/lib.sh (mode: $mode). Edits are overwritten at the next start."
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = '$PG_SOCK'"
    echo "unix_socket_permissions = 0700"
    echo "jit = off"
    if [[ "$mode" == test ]]; then
      echo "# Throw-away test data: speed over durability. Never use these for real data."
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
      echo "max_connections = 300"
    else
      echo "shared_buffers = 256MB"
      echo "password_encryption = 'scram-sha-256'"
    fi
  } >"$PG_DATA/inspections.conf"

  # Local socket: trust, but the socket dir is 0700 and owned by the cluster owner, so only
  # that OS user (and root) can reach it. TCP: 127.0.0.1 only.
  local host_auth=scram-sha-256
  [[ "$mode" == test ]] && host_auth=trust
  {
    echo "# Written by scripts/lib.sh (mode: $mode). Edits are overwritten at the next start."
    echo "# TYPE  DATABASE  USER  ADDRESS       METHOD"
    echo "local   all       all                 trust"
    echo "host    all       all   127.0.0.1/32  $host_auth"
  } >"$PG_DATA/pg_hba.conf"
  _is_root && chown postgres:postgres "$PG_DATA/inspections.conf" "$PG_DATA/pg_hba.conf"
  chmod 600 "$PG_DATA/inspections.conf" "$PG_DATA/pg_hba.conf"
}

_pg_wait_ready() { # port timeout_s
  local port="$1" timeout="${2:-60}" i
  for ((i = 0; i < timeout * 5; i++)); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres && return 0
    sleep 0.2
  done
  return 1
}

ensure_cluster() {
  local name="${1:?usage: ensure_cluster NAME PORT run|test}" port="${2:?port}" mode="${3:?mode}"
  [[ "$mode" == run || "$mode" == test ]] || die "ensure_cluster: MODE must be 'run' or 'test', not '$mode'"
  [[ "$port" =~ ^[0-9]+$ ]] || die "ensure_cluster: bad port '$port'"
  [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL 15 not found in $PG_BIN (apt-get install postgresql-15-postgis-3)"
  _is_root && ! id postgres >/dev/null 2>&1 && die "no 'postgres' OS user (is postgresql-15 installed?)"

  _pg_paths "$name" "$port"

  # Fast path: already running on the requested port.
  if _pg_running "$PG_DATA" && [[ -S "$PG_SOCK/.s.PGSQL.$port" ]]; then
    if [[ "$mode" == run && "$(_pg_password_ensure)" == 1 ]]; then
      _pg_set_password "$port"
    fi
    _pg_wait_ready "$port" 30 || die "cluster '$name' is running but not ready on port $port (log: $PG_LOG)"
    return 0
  fi

  [[ -n "$PG_RELOCATED" ]] && log "Cluster '$name': $PG_RELOCATED; using $(dirname "$PG_DATA") instead."
  local d
  for d in "$(dirname "$PG_DATA")" "$(dirname "$PG_SOCK")"; do
    if [[ ! -d "$d" ]]; then
      mkdir -p "$d"
      chmod 755 "$d" "$(dirname "$d")" 2>/dev/null || true # /var/lib/inspections/<hash>: traversable
    fi
  done

  # Running, but on another port (INSPECTIONS_*PG_PORT changed): restart with the new settings.
  if _pg_running "$PG_DATA"; then
    log "Cluster '$name' runs with other settings; restarting it on port $port"
    _pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi

  local fresh=0
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    if [[ -d "$PG_DATA" ]] && [[ -n "$(ls -A "$PG_DATA")" ]]; then
      die "$PG_DATA exists but is not a PostgreSQL data directory; move it away"
    fi
    log "Creating PostgreSQL cluster '$name' in $PG_DATA ($mode mode)"
    _pg_mkdir "$PG_DATA" 700
    _pg_as "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$PG_DATA.initdb.log" 2>&1 ||
      { cat "$PG_DATA.initdb.log" >&2; die "initdb failed for cluster '$name'"; }
    rm -f "$PG_DATA.initdb.log"
    fresh=1
  fi

  _pg_mkdir "$PG_SOCK" 700
  touch "$PG_LOG"
  _is_root && chown postgres:postgres "$PG_LOG"
  _pg_write_config "$mode" "$port"

  log "Starting PostgreSQL cluster '$name' on 127.0.0.1:$port"
  if ! _pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null; then
    echo "---- last lines of $PG_LOG ----" >&2
    tail -n 30 "$PG_LOG" >&2 || true
    die "could not start cluster '$name' on port $port (port in use by another server?)"
  fi
  _pg_wait_ready "$port" 60 || die "cluster '$name' did not become ready on port $port (log: $PG_LOG)"

  if [[ "$mode" == run ]]; then
    local new
    new="$(_pg_password_ensure)"
    if [[ "$fresh" == 1 || "$new" == 1 ]] || ! _pg_password_works "$port"; then
      _pg_set_password "$port"
    fi
  fi
}

_pg_password_works() { # port
  PGPASSWORD="$(_pg_password)" PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -w -h 127.0.0.1 -p "$1" \
    -U postgres -d postgres -c 'select 1' >/dev/null 2>&1
}

# Set role postgres's password from .pgpassword, over the local socket (needs no password).
_pg_set_password() { # port ; needs PG_SOCK
  local pw
  pw="$(_pg_password)"
  [[ -n "$pw" ]] || die "empty $PG_PASSWORD_FILE"
  # Hex only, so it is safe inside quotes; sent on stdin to keep it out of the process list.
  [[ "$pw" =~ ^[A-Za-z0-9]+$ ]] || die "$PG_PASSWORD_FILE must hold letters and digits only"
  printf "ALTER ROLE postgres PASSWORD '%s';\n" "$pw" |
    _pg_as "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$1" -U postgres -d postgres >/dev/null ||
    die "could not set the password of role postgres"
}

# psql over TCP as role postgres; works for both modes (trust ignores the password).
pg_psql() { # port [db] [psql args...]
  local port="$1" db="${2:-postgres}"
  shift $(($# >= 2 ? 2 : 1))
  PGPASSWORD="$(_pg_password)" PGCONNECT_TIMEOUT=10 "$PG_BIN/psql" -X -q -w -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

ensure_database() {
  local port="${1:?usage: ensure_database PORT DBNAME}" db="${2:?dbname}"
  [[ "$db" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "ensure_database: unsupported database name '$db'"
  local exists
  exists="$(pg_psql "$port" postgres -At -c "select 1 from pg_database where datname = '$db'")" ||
    die "cannot connect to PostgreSQL on 127.0.0.1:$port"
  if [[ "$exists" != 1 ]]; then
    log "Creating database '$db'"
    if ! pg_psql "$port" postgres -c "CREATE DATABASE \"$db\"" >/dev/null 2>&1; then
      # Lost a race with a concurrent creator? Fine if it exists now.
      [[ "$(pg_psql "$port" postgres -At -c "select 1 from pg_database where datname = '$db'")" == 1 ]] ||
        die "could not create database '$db'"
    fi
  fi
  pg_psql "$port" "$db" -c 'CREATE EXTENSION IF NOT EXISTS postgis' >/dev/null 2>&1 ||
    pg_psql "$port" "$db" -c 'CREATE EXTENSION IF NOT EXISTS postgis' >/dev/null ||
    die "could not create extension postgis in '$db' (is postgresql-15-postgis-3 installed?)"
}

connection_string() {
  local port="${1:?usage: connection_string PORT DBNAME [run|test]}" db="${2:?dbname}" mode="${3:-run}"
  local cs="Host=127.0.0.1;Port=$port;Database=$db;Username=postgres"
  if [[ "$mode" == run ]]; then
    local pw
    pw="$(_pg_password)"
    [[ -n "$pw" ]] || die "no password in $PG_PASSWORD_FILE (run ensure_cluster NAME PORT run first)"
    cs+=";Password=$pw"
  else
    cs+=";Include Error Detail=true"
  fi
  printf '%s\n' "$cs"
}
