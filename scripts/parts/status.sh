# shellcheck shell=bash
# The status page: built in Release and run from its build output on 127.0.0.1:8088, with /metrics and the
# internal endpoints (Alertmanager webhook, operator API) on 127.0.0.1:9094. It watches the parts this launcher
# runs, sends its synthetic agent through the edge when the edge part runs (else straight to the API), and keeps
# its tables in the API's database (schema "status"). Grafana and Loki do not run here: "not monitored".

# shellcheck disable=SC2034 # read by part_packages
status_PACKAGES=(curl)
AICQ_STATUS_PORT="${AICQ_STATUS_PORT:-8088}"
AICQ_STATUS_INTERNAL_PORT="${AICQ_STATUS_INTERNAL_PORT:-9094}"
STATUS_DLL="$AICQ_ROOT/src/Aicq.StatusPage/bin/Release/net10.0/Aicq.StatusPage.dll"
STATUS_PIDFILE="$AICQ_RUN/status.pid"
STATUS_BUILD_STAMP="$AICQ_RUN/status.build"

status_log() { printf '%s\n' "$AICQ_LOGS/status.log"; }
status_listens() { printf 'http://127.0.0.1:%s  internal http://127.0.0.1:%s\n' "$AICQ_STATUS_PORT" "$AICQ_STATUS_INTERNAL_PORT"; }
status_pid() { pidfile_pid "$STATUS_PIDFILE"; }
status_ready() { [[ "$(http_status "http://127.0.0.1:$AICQ_STATUS_INTERNAL_PORT/health/ready")" == 200 ]]; }

status_health() {
  local status
  status="$(http_status "http://127.0.0.1:$AICQ_STATUS_INTERNAL_PORT/health/ready")"
  if [[ "$status" == 200 ]]; then echo ok; else echo "fail (ready: $status)"; return 1; fi
}

status_build() {
  local log="$AICQ_LOGS/build-status.log"
  step "Building the status page (Release)"
  if ! dotnet build "$AICQ_ROOT/src/Aicq.StatusPage" -c Release --nologo >"$log" 2>&1; then
    grep -E ': (error|warning) ' "$log" | sort -u | tail -n 30 >&2 || tail -n 30 "$log" >&2
    die "the status page did not build; full output in $(relpath "$log")"
  fi
  ok "built $(relpath "$STATUS_DLL")"
}

# The operator token, made once and kept with the other secrets.
status_admin_token() {
  local file="$AICQ_SECRETS/status_admin_token"
  [[ -s "$file" ]] || (umask 077 && { random_secret; random_secret; } | tr -d '\n' >"$file")
  cat "$file"
}

status_has_part() { [[ " ${PARTS[*]} " == *" $1 "* ]]; }

# The environment the page runs with; also written to .aicq/secrets/status.env for running it by hand.
status_environment() {
  local api="http://127.0.0.1:$AICQ_API_PORT"
  cat <<ENV
STATUS_DATABASE_URL=$(postgres_url)
STATUS_PORT=$AICQ_STATUS_PORT
STATUS_INTERNAL_PORT=$AICQ_STATUS_INTERNAL_PORT
STATUS_ADMIN_TOKEN=$(status_admin_token)
STATUS_API_URLS=$(api_upstreams)
STATUS_CANARY_STATE_DIR=$AICQ_STATE/status
ENV=development
LOG_FORMAT=json
ENV
  if status_has_part edge; then
    local edge="https://127.0.0.1:${AICQ_EDGE_HTTPS_PORT:-8443}"
    printf 'STATUS_EDGE_URL=%s\nSTATUS_CANARY_URL=%s\nSTATUS_CA_CERT_PATH=%s\n' "$edge" "$edge" "$AICQ_STATE/tls/ca.crt"
  else
    printf 'STATUS_CANARY_URL=%s\n' "$api"
  fi
  status_has_part prometheus && printf 'STATUS_PROMETHEUS_URL=http://127.0.0.1:%s\n' "${AICQ_PROMETHEUS_PORT:-9090}"
  status_has_part alertmanager && printf 'STATUS_ALERTMANAGER_URL=http://127.0.0.1:%s\n' "${AICQ_ALERTMANAGER_PORT:-9093}"
  return 0
}

status_start() {
  local pid stamp
  status_build
  stamp="$({ sha256sum "$STATUS_DLL" && status_environment; } | sha256sum | cut -d' ' -f1)"
  if pid="$(status_pid)"; then
    if [[ "$(cat "$STATUS_BUILD_STAMP" 2>/dev/null)" == "$stamp" ]] && port_open "$AICQ_STATUS_PORT"; then
      ok "status page already running the current build (pid $pid)"
      return 0
    fi
    note "the build or settings changed since the status page started: restarting it"
    status_stop
  fi
  require_port_free "$AICQ_STATUS_PORT" "status page"
  require_port_free "$AICQ_STATUS_INTERNAL_PORT" "status page internal port"
  (umask 077 && status_environment >"$AICQ_SECRETS/status.env")
  step "Starting the status page on 127.0.0.1:$AICQ_STATUS_PORT"
  # setsid: a Ctrl-C in this terminal must not reach the page; exec: $! is the page's own pid.
  local environment
  mapfile -t environment <"$AICQ_SECRETS/status.env"
  (cd "$AICQ_ROOT" && exec env "${environment[@]}" setsid dotnet "$STATUS_DLL" </dev/null >>"$(status_log)" 2>&1) &
  echo "$!" >"$STATUS_PIDFILE"
  disown "$!"
  echo "$stamp" >"$STATUS_BUILD_STAMP"
  if ! wait_until 60 "http://127.0.0.1:$AICQ_STATUS_INTERNAL_PORT/health/ready" status_ready_or_dead; then
    tail -n 30 "$(status_log)" >&2
    status_stop >/dev/null
    die "the status page did not become ready"
  fi
  note "status page: http://127.0.0.1:$AICQ_STATUS_PORT (operator token in $(relpath "$AICQ_SECRETS/status_admin_token"))"
}

# Ends the wait early (status 2) when the process has died.
status_ready_or_dead() {
  status_pid >/dev/null || return 2
  status_ready
}

status_stop() {
  local pid
  pid="$(status_pid)" || return 0
  step "Stopping the status page (pid $pid)"
  stop_pid "$pid" "status page" 35
  rm -f "$STATUS_PIDFILE" "$STATUS_BUILD_STAMP"
}
