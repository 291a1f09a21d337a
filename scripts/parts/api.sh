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
api_ready_url() { printf 'http://127.0.0.1:%s/health/ready\n' "$(api_port "$1")"; }

# One JSON log per instance (a file with two writers would interleave their lines); each line names its instance.
api_instance_log() { printf '%s/api-%s.log\n' "$AICQ_LOGS" "$1"; }
api_log() {
  local n
  for n in "${API_INSTANCES[@]}"; do api_instance_log "$n"; done
}
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
    pid="$(dotnet_service_pid "api-$n")" || return 1
    pids+=("$pid")
  done
  (IFS=, && echo "${pids[*]}")
}

api_health() {
  local n failed=()
  for n in "${API_INSTANCES[@]}"; do
    dotnet_service_health "$(api_ready_url "$n")" >/dev/null || failed+=("api-$n")
  done
  if ((${#failed[@]} == 0)); then echo ok; else echo "fail (${failed[*]} not ready)"; return 1; fi
}

# api_environment N: the environment instance N runs with; also kept in .aicq/secrets/api-N.env.
api_environment() {
  cat <<ENV
DATABASE_URL=$(postgres_url)
REDIS_URL=$(redis_url)
PORT=$(api_port "$1")
METRICS_PORT=$(api_metrics_port "$1")
PUBLIC_URL=$(edge_url)
BIND_ADDRESS=127.0.0.1
METRICS_BIND_ADDRESS=127.0.0.1
AICQ_INSTANCE=api-$1
ENV=development
LOG_FORMAT=json
ENV
  pg_replica_api_environment
}

api_build() { dotnet_build "the API" src/Aicq.Api "$API_DLL" "$AICQ_LOGS/build.log"; }

api_start() {
  local n
  api_build
  for n in "${API_INSTANCES[@]}"; do
    dotnet_service_start "api-$n" "$API_DLL" "$(api_instance_log "$n")" "$(api_ready_url "$n")" \
      "$(api_port "$n")" "$(api_metrics_port "$n")" < <(api_environment "$n")
  done
}

api_stop() {
  local i
  for ((i = ${#API_INSTANCES[@]} - 1; i >= 0; i--)); do dotnet_service_stop "api-${API_INSTANCES[i]}"; done
}
