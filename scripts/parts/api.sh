# shellcheck shell=bash
# The AICQ API: built in Release and run from its build output on 127.0.0.1 as two instances behind the
# edge (so a restart or a crash of one is invisible to agents), configured only through the environment
# variables the README documents. Each applies EF migrations at startup under an advisory lock.

# shellcheck disable=SC2034 # read by part_packages
api_PACKAGES=(curl)
AICQ_API_PORT="${AICQ_API_PORT:-5080}"
AICQ_METRICS_PORT="${AICQ_METRICS_PORT:-9091}"
AICQ_API2_PORT="${AICQ_API2_PORT:-5081}"
AICQ_API2_METRICS_PORT="${AICQ_API2_METRICS_PORT:-9095}"
API_INSTANCES=(1 2)
API_DLL="$AICQ_ROOT/src/Aicq.Api/bin/Release/net10.0/Aicq.Api.dll"

# api_port N / api_metrics_port N: where instance N listens.
api_port() { if (($1 == 1)); then echo "$AICQ_API_PORT"; else echo "$AICQ_API2_PORT"; fi; }
api_metrics_port() { if (($1 == 1)); then echo "$AICQ_METRICS_PORT"; else echo "$AICQ_API2_METRICS_PORT"; fi; }
api_pidfile() { printf '%s\n' "$AICQ_RUN/api-$1.pid"; }
api_stampfile() { printf '%s\n' "$AICQ_RUN/api-$1.build"; }

# Both instances append JSON lines to one log; each line names its instance.
api_log() { printf '%s\n' "$AICQ_LOGS/api.log"; }
api_upstreams() { printf 'http://127.0.0.1:%s,http://127.0.0.1:%s\n' "$AICQ_API_PORT" "$AICQ_API2_PORT"; }

api_listens() {
  local n
  for n in "${API_INSTANCES[@]}"; do
    printf 'api-%s http://127.0.0.1:%s (metrics :%s)  ' "$n" "$(api_port "$n")" "$(api_metrics_port "$n")"
  done
  echo
}

# Running when every instance runs; prints their pids.
api_pid() {
  local n pid pids=()
  for n in "${API_INSTANCES[@]}"; do
    pid="$(pidfile_pid "$(api_pidfile "$n")")" || return 1
    pids+=("$pid")
  done
  (IFS=, && echo "${pids[*]}")
}

api_ready() { [[ "$(http_status "http://127.0.0.1:$(api_port "$1")/health/ready")" == 200 ]]; }

api_health() {
  local n status failed=()
  for n in "${API_INSTANCES[@]}"; do
    status="$(http_status "http://127.0.0.1:$(api_port "$n")/health/ready")"
    [[ "$status" == 200 ]] || failed+=("api-$n ready: $status")
  done
  if ((${#failed[@]} == 0)); then echo ok; else echo "fail (${failed[*]})"; return 1; fi
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

# api_environment N: the environment instance N runs with; also written to .aicq/secrets/api-N.env.
api_environment() {
  cat <<ENV
DATABASE_URL=$(postgres_url)
REDIS_URL=$(redis_url)
PORT=$(api_port "$1")
METRICS_PORT=$(api_metrics_port "$1")
BIND_ADDRESS=127.0.0.1
AICQ_INSTANCE=api-$1
ENV=development
LOG_FORMAT=json
ENV
}

api_start() {
  api_build
  local n
  for n in "${API_INSTANCES[@]}"; do api_start_instance "$n"; done
}

api_start_instance() {
  local n="$1" pid stamp port env_file
  port="$(api_port "$n")"
  env_file="$AICQ_SECRETS/api-$n.env"
  # What an instance runs: its build and its environment; when either changed, it is restarted.
  stamp="$({ sha256sum "$API_DLL" && api_environment "$n"; } | sha256sum | cut -d' ' -f1)"
  if pid="$(pidfile_pid "$(api_pidfile "$n")")"; then
    if [[ "$(cat "$(api_stampfile "$n")" 2>/dev/null)" == "$stamp" ]] && port_open "$port"; then
      ok "api-$n already running the current build (pid $pid)"
      return 0
    fi
    note "the build or settings changed since api-$n started: restarting it"
    api_stop_instance "$n"
  fi
  require_port_free "$port" "api-$n"
  require_port_free "$(api_metrics_port "$n")" "api-$n metrics"
  (umask 077 && api_environment "$n" >"$env_file")
  step "Starting api-$n on 127.0.0.1:$port"
  # setsid: a Ctrl-C in this terminal must not reach the API; exec: $! is the API's own pid.
  local environment
  mapfile -t environment <"$env_file"
  (cd "$AICQ_ROOT" && exec env "${environment[@]}" setsid dotnet "$API_DLL" </dev/null >>"$(api_log)" 2>&1) &
  echo "$!" >"$(api_pidfile "$n")"
  disown "$!" # the API outlives this script; bash must not report on it
  echo "$stamp" >"$(api_stampfile "$n")"
  API_WAITING="$n"
  if ! wait_until 60 "http://127.0.0.1:$port/health/ready" api_ready_or_dead; then
    printf '%s--- last 30 lines of %s ---%s\n' "$UI_DIM" "$(relpath "$(api_log)")" "$UI_RESET" >&2
    tail -n 30 "$(api_log)" >&2
    api_stop_instance "$n" >/dev/null
    die "api-$n did not become ready"
  fi
}

# Ends the wait early (status 2) when the instance being started has died.
api_ready_or_dead() {
  pidfile_pid "$(api_pidfile "$API_WAITING")" >/dev/null || return 2
  api_ready "$API_WAITING"
}

api_stop() {
  local i
  for ((i = ${#API_INSTANCES[@]} - 1; i >= 0; i--)); do api_stop_instance "${API_INSTANCES[i]}"; done
}

api_stop_instance() {
  local pid
  pid="$(pidfile_pid "$(api_pidfile "$1")")" || return 0
  step "Stopping api-$1 (pid $pid)"
  # Longer than the API's own 25 s drain, so a clean shutdown is never cut short.
  stop_pid "$pid" "api-$1" 35
  rm -f "$(api_pidfile "$1")" "$(api_stampfile "$1")"
}
