# shellcheck shell=bash
# The Prometheus exporters, each on 127.0.0.1 and logging to one file:
#   postgres  postgres-exporter :9187, as the login role aicq_monitor (pg_monitor, nothing else) whose
#             generated password stays in .aicq/secrets/postgres-monitor-password (read from the file,
#             so neither `ps` nor /proc/<pid>/environ shows it)
#   redis     redis-exporter :9121, with Redis's password from a JSON map in .aicq/secrets (mode 0600) that
#             -redis.password-file reads, so neither `ps` nor /proc/<pid>/environ shows it
#   node      node-exporter :9100, only the collectors the dashboards and a single host need
#   blackbox  blackbox-exporter :9115 with the blackbox.yml that the prometheus part renders
# Needs the postgres, redis and prometheus parts' functions (the DSN's port, prometheus_render).

# shellcheck disable=SC2034 # read by part_packages
exporters_PACKAGES=(prometheus-postgres-exporter prometheus-redis-exporter prometheus-node-exporter
  prometheus-blackbox-exporter curl)
AICQ_POSTGRES_EXPORTER_PORT="${AICQ_POSTGRES_EXPORTER_PORT:-9187}"
AICQ_REDIS_EXPORTER_PORT="${AICQ_REDIS_EXPORTER_PORT:-9121}"
AICQ_NODE_EXPORTER_PORT="${AICQ_NODE_EXPORTER_PORT:-9100}"
AICQ_BLACKBOX_EXPORTER_PORT="${AICQ_BLACKBOX_EXPORTER_PORT:-9115}"
EXPORTERS=(postgres redis node blackbox)
EXPORTERS_MONITOR_PASSWORD_FILE="$AICQ_SECRETS/postgres-monitor-password"
EXPORTERS_REDIS_PASSWORDS_FILE="$AICQ_SECRETS/redis-exporter-passwords.json"

exporters_log() { printf '%s\n' "$AICQ_LOGS/exporters.log"; }

exporter_port() {
  case "$1" in
    postgres) echo "$AICQ_POSTGRES_EXPORTER_PORT" ;;
    redis) echo "$AICQ_REDIS_EXPORTER_PORT" ;;
    node) echo "$AICQ_NODE_EXPORTER_PORT" ;;
    blackbox) echo "$AICQ_BLACKBOX_EXPORTER_PORT" ;;
  esac
}

exporter_pidfile() { printf '%s/exporter-%s.pid\n' "$AICQ_RUN" "$1"; }
exporter_pid() { pidfile_pid "$(exporter_pidfile "$1")"; }
exporter_answers() { [[ "$(http_status "http://127.0.0.1:$(exporter_port "$1")/metrics")" == 200 ]]; }

exporters_listens() {
  local name line=""
  for name in "${EXPORTERS[@]}"; do line+="${line:+, }$name 127.0.0.1:$(exporter_port "$name")"; done
  printf '%s\n' "$line"
}

# Every exporter's pid, comma-separated; fails unless all of them run.
exporters_pid() {
  local name pid pids=() status=0
  for name in "${EXPORTERS[@]}"; do
    if pid="$(exporter_pid "$name")"; then pids+=("$pid"); else status=1; fi
  done
  ((status == 0)) && (IFS=,; echo "${pids[*]}")
}

# An exporter answers even when its server is down: pg_up and redis_up say whether it reaches it. One
# scrape per exporter (a postgres-exporter scrape runs queries): its pg_up/redis_up come from the same body.
exporters_health() {
  local name body problems=()
  for name in "${EXPORTERS[@]}"; do
    if ! body="$(curl -sf --max-time 5 "http://127.0.0.1:$(exporter_port "$name")/metrics" 2>/dev/null)"; then
      problems+=("$name-exporter silent")
      continue
    fi
    case "$name" in
      postgres) [[ "$(metric_value pg_up <<<"$body")" == 1 ]] || problems+=("pg_up not 1") ;;
      redis) [[ "$(metric_value redis_up <<<"$body")" == 1 ]] || problems+=("redis_up not 1") ;;
    esac
  done
  if ((${#problems[@]} == 0)); then echo ok; else echo "fail (${problems[*]})"; return 1; fi
}

# metric_value METRIC <METRICS: the value of an unlabelled metric in a /metrics body.
metric_value() { sed -n "s/^$1 \([0-9.e+-]*\)\$/\1/p"; }

# The monitoring role: pg_monitor can read every statistics view and setting, and write nothing. Granted
# only when missing: granting it again makes PostgreSQL print a NOTICE on every ./aicq up.
exporters_ensure_monitor_role() {
  if [[ ! -s "$EXPORTERS_MONITOR_PASSWORD_FILE" ]]; then
    (umask 077 && random_secret >"$EXPORTERS_MONITOR_PASSWORD_FILE")
  fi
  postgres_psql >/dev/null <<SQL || die "could not create the aicq_monitor role"
\set password '$(cat "$EXPORTERS_MONITOR_PASSWORD_FILE")'
SELECT 'CREATE ROLE aicq_monitor LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aicq_monitor') \gexec
ALTER ROLE aicq_monitor WITH LOGIN PASSWORD :'password';
SELECT 'GRANT pg_monitor TO aicq_monitor' WHERE NOT pg_has_role('aicq_monitor', 'pg_monitor', 'MEMBER') \gexec
SQL
}

# The redis-exporter's password file: a JSON map from the address it scrapes to that server's password.
exporters_render_redis_passwords() {
  (umask 077 && printf '{"redis://127.0.0.1:%s": "%s"}\n' "$AICQ_REDIS_PORT" "$(redis_password)" >"$EXPORTERS_REDIS_PASSWORDS_FILE")
}

# exporter_exec NAME: replaces the calling subshell with the exporter, so that $! is the exporter's pid.
exporter_exec() {
  local listen
  listen="127.0.0.1:$(exporter_port "$1")"
  case "$1" in
    postgres)
      exec env DATA_SOURCE_URI="127.0.0.1:$AICQ_POSTGRES_PORT/aicq?sslmode=disable" DATA_SOURCE_USER=aicq_monitor \
        DATA_SOURCE_PASS_FILE="$EXPORTERS_MONITOR_PASSWORD_FILE" \
        setsid prometheus-postgres-exporter --web.listen-address="$listen" ;;
    redis)
      exec setsid prometheus-redis-exporter -redis.addr="redis://127.0.0.1:$AICQ_REDIS_PORT" \
        -redis.password-file="$EXPORTERS_REDIS_PASSWORDS_FILE" -web.listen-address="$listen" ;;
    node)
      # A dedicated host or VM: CPU, memory, load, pressure, disks, filesystems and network, not
      # hardware sensors, RAID or NFS that a small cloud machine does not have.
      exec setsid prometheus-node-exporter --web.listen-address="$listen" --collector.disable-defaults \
        --collector.cpu --collector.meminfo --collector.loadavg --collector.pressure --collector.stat \
        --collector.vmstat --collector.diskstats --collector.filesystem --collector.netdev \
        --collector.filefd --collector.time --collector.uname ;;
    blackbox)
      exec setsid prometheus-blackbox-exporter --config.file="$PROMETHEUS_DIR/blackbox.yml" --web.listen-address="$listen" ;;
  esac
}

exporters_start() {
  local name pid started=()
  exporters_ensure_monitor_role
  exporters_render_redis_passwords
  prometheus_render # blackbox.yml
  for name in "${EXPORTERS[@]}"; do
    if pid="$(exporter_pid "$name")"; then
      ok "$name-exporter already running (pid $pid)"
      continue
    fi
    require_port_free "$(exporter_port "$name")" "$name-exporter"
    printf '=== %s: starting %s-exporter on 127.0.0.1:%s\n' "$(date -Is)" "$name" "$(exporter_port "$name")" >>"$(exporters_log)"
    (cd "$AICQ_STATE" && exporter_exec "$name" </dev/null >>"$(exporters_log)" 2>&1) &
    echo "$!" >"$(exporter_pidfile "$name")"
    disown "$!"
    started+=("$name")
  done
  ((${#started[@]} > 0)) || return 0
  step "Started the ${started[*]} exporter(s)"
  if ! wait_until 20 "the exporters' /metrics" exporters_answer_or_dead; then
    tail -n 30 "$(exporters_log)" >&2
    exporters_stop >/dev/null
    die "an exporter did not start; see $(relpath "$(exporters_log)")"
  fi
}

exporters_answer_or_dead() {
  local name
  for name in "${EXPORTERS[@]}"; do
    exporter_pid "$name" >/dev/null || return 2
    exporter_answers "$name" || return 1
  done
}

exporters_stop() {
  local name pid
  for name in "${EXPORTERS[@]}"; do
    pid="$(exporter_pid "$name")" || continue
    step "Stopping $name-exporter (pid $pid)"
    stop_pid "$pid" "$name-exporter" 10
    rm -f "$(exporter_pidfile "$name")"
  done
}
