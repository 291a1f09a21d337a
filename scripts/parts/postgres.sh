# shellcheck shell=bash
# PostgreSQL: a private cluster under .aicq/postgres on 127.0.0.1 (not the system's port 5432), with a
# login role and database `aicq` whose generated password lives in .aicq/secrets/postgres-password.

# shellcheck disable=SC2034 # read by part_packages
postgres_PACKAGES=(postgresql)
AICQ_POSTGRES_PORT="${AICQ_POSTGRES_PORT:-55432}"
POSTGRES_DIR="$AICQ_STATE/postgres"
POSTGRES_DATA="$POSTGRES_DIR/data"
POSTGRES_PASSWORD_FILE="$AICQ_SECRETS/postgres-password"

postgres_log() { printf '%s\n' "$AICQ_LOGS/postgres.log"; }
postgres_listens() { printf 'postgres://aicq@127.0.0.1:%s/aicq\n' "$AICQ_POSTGRES_PORT"; }
postgres_pid() { pidfile_pid "$POSTGRES_DATA/postmaster.pid"; }

# The OS user the server runs as: `postgres` when we are root (it refuses root), else ourselves.
postgres_os_user() { if ((EUID == 0)); then echo postgres; else id -un; fi; }

postgres_bin() {
  local bin
  bin="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -x "$bin/pg_ctl" ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)"
  printf '%s/%s\n' "$bin" "$1"
}

# A Unix socket path must fit in 107 bytes; a deep clone gets a short folder under /tmp instead.
postgres_socket_dir() {
  if ((${#POSTGRES_DIR} < 90)); then printf '%s\n' "$POSTGRES_DIR"; else printf '/tmp/aicq-pg-%s\n' "$(printf '%s' "$POSTGRES_DIR" | md5sum | cut -c1-12)"; fi
}

# postgres_server_start DATA PORT NAME: pg_ctl start of the cluster in DATA on loopback PORT, its socket in
# postgres_socket_dir, waiting up to 60 s; on failure the log's tail and a message naming NAME.
postgres_server_start() {
  as_service_user "$(postgres_os_user)" "$(postgres_bin pg_ctl)" -D "$1" -l "$(postgres_log)" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $2 -k '$(postgres_socket_dir)'" start >/dev/null ||
    { tail -n 30 "$(postgres_log)" >&2; die "$3 did not start; see $(relpath "$(postgres_log)")"; }
}

# postgres_psql ARGS...: the cluster's superuser over the Unix socket (peer auth, no password).
postgres_psql() {
  as_service_user "$(postgres_os_user)" "$(postgres_bin psql)" -X -q -v ON_ERROR_STOP=1 \
    -h "$(postgres_socket_dir)" -p "$AICQ_POSTGRES_PORT" -U "$(postgres_os_user)" -d postgres
}

postgres_password() {
  if [[ ! -s "$POSTGRES_PASSWORD_FILE" ]]; then
    (umask 077 && random_secret >"$POSTGRES_PASSWORD_FILE")
  fi
  cat "$POSTGRES_PASSWORD_FILE"
}

# With a standby (./aicq up --pg-replica) it names both servers, and libpq and Npgsql pick the primary.
postgres_url() {
  local extra=""
  pg_replica_enabled && extra="&target_session_attrs=primary"
  printf 'postgres://aicq:%s@%s/aicq?sslmode=disable%s\n' "$(postgres_password)" "$(pg_replica_hosts)" "$extra"
}

postgres_health() {
  if "$(postgres_bin pg_isready)" -q -h 127.0.0.1 -p "$AICQ_POSTGRES_PORT" -t 2; then echo ok; else echo fail; return 1; fi
}

postgres_start() {
  local pid user socket
  if pid="$(postgres_pid)"; then
    port_open "$AICQ_POSTGRES_PORT" || die "postgres (pid $pid) runs but not on port $AICQ_POSTGRES_PORT; run ./aicq down first"
    ok "postgres already running (pid $pid)"
  else
    require_port_free "$AICQ_POSTGRES_PORT" postgres
    user="$(postgres_os_user)"
    socket="$(postgres_socket_dir)"
    mkdir -p "$POSTGRES_DIR" "$socket"
    touch "$(postgres_log)"
    if ((EUID == 0)); then
      make_traversable "$POSTGRES_DIR"
      make_traversable "$socket"
      chown "$user:" "$POSTGRES_DIR" "$socket" "$(postgres_log)"
    fi
    if [[ ! -f "$POSTGRES_DATA/PG_VERSION" ]]; then
      step "Creating the PostgreSQL cluster in $(relpath "$POSTGRES_DATA")"
      as_service_user "$user" "$(postgres_bin initdb)" -D "$POSTGRES_DATA" -U "$user" --auth-local=peer \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >>"$(postgres_log)" 2>&1 ||
        die "initdb failed; see $(relpath "$(postgres_log)")"
    fi
    step "Starting PostgreSQL on 127.0.0.1:$AICQ_POSTGRES_PORT"
    postgres_server_start "$POSTGRES_DATA" "$AICQ_POSTGRES_PORT" PostgreSQL
    ok "postgres running (pid $(postgres_pid))"
  fi
  postgres_ensure_database
  if pg_replica_enabled; then pg_replica_start; fi
}

# The role and database the API uses; the password is (re)set from the secrets file every time, so a
# lost or rotated secret never locks the API out.
postgres_ensure_database() {
  # The password reaches psql on stdin, never on a command line that `ps` would show.
  postgres_psql >/dev/null <<SQL || die "could not create the aicq role and database"
\set password '$(postgres_password)'
SELECT 'CREATE ROLE aicq LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aicq') \gexec
ALTER ROLE aicq WITH LOGIN PASSWORD :'password';
SELECT 'CREATE DATABASE aicq OWNER aicq' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'aicq') \gexec
SQL
}

postgres_stop() {
  local pid
  pg_replica_stop
  pid="$(postgres_pid)" || return 0
  step "Stopping PostgreSQL (pid $pid)"
  as_service_user "$(postgres_os_user)" "$(postgres_bin pg_ctl)" -D "$POSTGRES_DATA" -m fast -w -t 60 stop >/dev/null ||
    stop_pid "$pid" postgres 30
}
