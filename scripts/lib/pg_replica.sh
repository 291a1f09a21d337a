# shellcheck shell=bash
# `./aicq up --pg-replica`: a streaming standby of the appliance's PostgreSQL, made with pg_basebackup -R, on
# 127.0.0.1:$AICQ_POSTGRES_REPLICA_PORT (default 55433), kept until ./aicq down. While it exists the API's
# DATABASE_URL names both servers (target_session_attrs=primary) and DATABASE_REPLICA_URL the standby, so a
# promotion (pg_ctl promote) is followed without a restart. Part of the postgres part, not a part of its own.

AICQ_POSTGRES_REPLICA_PORT="${AICQ_POSTGRES_REPLICA_PORT:-55433}"

pg_replica_mark() { printf '%s\n' "$AICQ_STATE/pg-replica"; }
pg_replica_data() { printf '%s\n' "$POSTGRES_DIR/replica"; }
pg_replica_enabled() { [[ -f "$(pg_replica_mark)" ]]; }
pg_replica_pid() { pidfile_pid "$(pg_replica_data)/postmaster.pid"; }

pg_replica_url() {
  printf 'postgres://aicq:%s@127.0.0.1:%s/aicq?sslmode=disable&target_session_attrs=prefer-standby\n' \
    "$(postgres_password)" "$AICQ_POSTGRES_REPLICA_PORT"
}

# The hosts part of DATABASE_URL: the primary alone, or both servers while the standby is configured.
pg_replica_hosts() {
  if pg_replica_enabled; then
    printf '127.0.0.1:%s,127.0.0.1:%s\n' "$AICQ_POSTGRES_PORT" "$AICQ_POSTGRES_REPLICA_PORT"
  else
    printf '127.0.0.1:%s\n' "$AICQ_POSTGRES_PORT"
  fi
}

# What the API adds to its environment: nothing without a standby (an empty line would break `env`).
pg_replica_api_environment() {
  if pg_replica_enabled; then printf 'DATABASE_REPLICA_URL=%s\n' "$(pg_replica_url)"; fi
}

pg_replica_start() {
  local user data pid
  user="$(postgres_os_user)"
  data="$(pg_replica_data)"
  if pid="$(pg_replica_pid)"; then
    ok "postgres standby already running (pid $pid)"
    return 0
  fi
  require_port_free "$AICQ_POSTGRES_REPLICA_PORT" "postgres standby"
  if [[ -f "$data/PG_VERSION" && ! -f "$data/standby.signal" ]]; then
    die "the standby in $(relpath "$data") was promoted and may hold writes the primary lacks; move it aside first (see docs/runbook.md)"
  fi
  # A standby holds nothing of its own, and a fresh copy never starts behind WAL the primary has recycled since.
  rm -rf "$data"
  step "Copying the primary into a standby in $(relpath "$data") (pg_basebackup -R)"
  # Over the Unix socket as the cluster's superuser (peer auth): no password on any command line.
  as_service_user "$user" "$(postgres_bin pg_basebackup)" -h "$(postgres_socket_dir)" -p "$AICQ_POSTGRES_PORT" \
    -U "$user" -D "$data" -R -X stream -c fast >>"$(postgres_log)" 2>&1 ||
    die "pg_basebackup failed; see $(relpath "$(postgres_log)")"
  step "Starting the PostgreSQL standby on 127.0.0.1:$AICQ_POSTGRES_REPLICA_PORT"
  postgres_server_start "$data" "$AICQ_POSTGRES_REPLICA_PORT" "the PostgreSQL standby"
  ok "postgres standby running (pid $(pg_replica_pid)), streaming from :$AICQ_POSTGRES_PORT"
}

pg_replica_stop() {
  local pid
  pid="$(pg_replica_pid)" || return 0
  step "Stopping the PostgreSQL standby (pid $pid)"
  as_service_user "$(postgres_os_user)" "$(postgres_bin pg_ctl)" -D "$(pg_replica_data)" -m fast -w -t 60 stop >/dev/null ||
    stop_pid "$pid" "postgres standby" 30
}

# Below the table while the standby runs: its role and how far behind it is.
postgres_details() {
  local pid
  pg_replica_enabled || return 0
  if ! pid="$(pg_replica_pid)"; then
    note "postgres standby: stopped ($(relpath "$(pg_replica_data)"))"
    return 0
  fi
  note "postgres standby: pid $pid on 127.0.0.1:$AICQ_POSTGRES_REPLICA_PORT; replication from the primary:"
  postgres_psql <<<"SELECT application_name, state, sync_state, replay_lag FROM pg_stat_replication;" || true
}
