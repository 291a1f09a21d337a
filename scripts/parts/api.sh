# shellcheck shell=bash
# The AICQ API: built in Release and run from its build output on 127.0.0.1, configured only through
# the environment variables the README documents. It applies its own EF migrations at startup.

# shellcheck disable=SC2034 # read by part_packages
api_PACKAGES=(curl)
AICQ_API_PORT="${AICQ_API_PORT:-5080}"
AICQ_METRICS_PORT="${AICQ_METRICS_PORT:-9091}"
API_DLL="$AICQ_ROOT/src/Aicq.Api/bin/Release/net10.0/Aicq.Api.dll"
API_PIDFILE="$AICQ_RUN/api.pid"
API_BUILD_STAMP="$AICQ_RUN/api.build"

api_log() { printf '%s\n' "$AICQ_LOGS/api.log"; }
api_listens() { printf 'http://127.0.0.1:%s  metrics http://127.0.0.1:%s/metrics\n' "$AICQ_API_PORT" "$AICQ_METRICS_PORT"; }
api_pid() { pidfile_pid "$API_PIDFILE"; }
api_ready() { [[ "$(http_status "http://127.0.0.1:$AICQ_API_PORT/health/ready")" == 200 ]]; }

api_health() {
  local status
  status="$(http_status "http://127.0.0.1:$AICQ_API_PORT/health/ready")"
  if [[ "$status" == 200 ]]; then echo ok; else echo "fail (ready: $status)"; return 1; fi
}

api_build() {
  local log="$AICQ_LOGS/build.log"
  step "Building the API (Release)"
  if ! dotnet build "$AICQ_ROOT/src/Aicq.Api" -c Release --nologo >"$log" 2>&1; then
    grep -E ': (error|warning) ' "$log" | sort -u | tail -n 30 >&2 || tail -n 30 "$log" >&2
    die "the API did not build; full output in $(relpath "$log")"
  fi
  ok "built $(relpath "$API_DLL")"
}

# The environment the API runs with; also written to .aicq/secrets/api.env for running it by hand.
api_environment() {
  cat <<ENV
DATABASE_URL=$(postgres_url)
REDIS_URL=$(redis_url)
PORT=$AICQ_API_PORT
METRICS_PORT=$AICQ_METRICS_PORT
BIND_ADDRESS=127.0.0.1
ENV=development
LOG_FORMAT=json
ENV
}

api_start() {
  local pid stamp
  api_build
  # What the API runs: its build and its environment; when either changed, a running API is restarted.
  stamp="$({ sha256sum "$API_DLL" && api_environment; } | sha256sum | cut -d' ' -f1)"
  if pid="$(api_pid)"; then
    if [[ "$(cat "$API_BUILD_STAMP" 2>/dev/null)" == "$stamp" ]] && port_open "$AICQ_API_PORT"; then
      ok "api already running the current build (pid $pid)"
      return 0
    fi
    note "the build or settings changed since the API started: restarting it"
    api_stop
  fi
  require_port_free "$AICQ_API_PORT" api
  require_port_free "$AICQ_METRICS_PORT" "api metrics"
  (umask 077 && api_environment >"$AICQ_SECRETS/api.env")
  step "Starting the API on 127.0.0.1:$AICQ_API_PORT"
  # setsid: a Ctrl-C in this terminal must not reach the API; exec: $! is the API's own pid.
  local environment
  mapfile -t environment <"$AICQ_SECRETS/api.env"
  (cd "$AICQ_ROOT" && exec env "${environment[@]}" setsid dotnet "$API_DLL" </dev/null >>"$(api_log)" 2>&1) &
  echo "$!" >"$API_PIDFILE"
  disown "$!" # the API outlives this script; bash must not report on it
  echo "$stamp" >"$API_BUILD_STAMP"
  if ! wait_until 60 "http://127.0.0.1:$AICQ_API_PORT/health/ready" api_ready_or_dead; then
    printf '%s--- last 30 lines of %s ---%s\n' "$UI_DIM" "$(relpath "$(api_log)")" "$UI_RESET" >&2
    tail -n 30 "$(api_log)" >&2
    api_stop >/dev/null
    die "the API did not become ready"
  fi
}

# Ends the wait early (status 2) when the API process has died.
api_ready_or_dead() {
  api_pid >/dev/null || return 2
  api_ready
}

api_stop() {
  local pid
  pid="$(api_pid)" || return 0
  step "Stopping the API (pid $pid)"
  # Longer than the API's own 25 s drain, so a clean shutdown is never cut short.
  stop_pid "$pid" api 35
  rm -f "$API_PIDFILE" "$API_BUILD_STAMP"
}
