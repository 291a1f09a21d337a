# shellcheck shell=bash
# The edge: the one public entry point agents use (HTTPS on 127.0.0.1:8443, HTTP :8080 answering 308),
# in front of both API instances, with rate-limit state in Redis (database 1) and /metrics, health and the
# block admin API on the internal port :9092. A local CA and server certificate are made on first start.

# shellcheck disable=SC2034 # read by part_packages
edge_PACKAGES=(curl)
AICQ_EDGE_HTTPS_PORT="${AICQ_EDGE_HTTPS_PORT:-8443}"
AICQ_EDGE_HTTP_PORT="${AICQ_EDGE_HTTP_PORT:-8080}"
AICQ_EDGE_INTERNAL_PORT="${AICQ_EDGE_INTERNAL_PORT:-9092}"
EDGE_DLL="$AICQ_ROOT/src/Aicq.Edge/bin/Release/net10.0/Aicq.Edge.dll"
EDGE_PIDFILE="$AICQ_RUN/edge.pid"
EDGE_BUILD_STAMP="$AICQ_RUN/edge.build"
AICQ_TLS="$AICQ_STATE/tls"

edge_log() { printf '%s\n' "$AICQ_LOGS/edge.log"; }
edge_url() { printf 'https://127.0.0.1:%s\n' "$AICQ_EDGE_HTTPS_PORT"; }
edge_internal_url() { printf 'http://127.0.0.1:%s\n' "$AICQ_EDGE_INTERNAL_PORT"; }
edge_listens() { printf '%s (agents; CA %s)  http :%s → 308  internal :%s\n' "$(edge_url)" "$(relpath "$AICQ_TLS/ca.crt")" "$AICQ_EDGE_HTTP_PORT" "$AICQ_EDGE_INTERNAL_PORT"; }
edge_pid() { pidfile_pid "$EDGE_PIDFILE"; }
edge_ready() { [[ "$(http_status "$(edge_internal_url)/health/ready")" == 200 ]]; }

edge_health() {
  local status
  status="$(http_status "$(edge_internal_url)/health/ready")"
  if [[ "$status" == 200 ]]; then echo ok; else echo "fail (ready: $status)"; return 1; fi
}

# The token for the internal block admin API, made once and kept with the other secrets.
edge_admin_token() {
  local file="$AICQ_SECRETS/edge_admin_token"
  [[ -s "$file" ]] || (umask 077 && { random_secret; random_secret; } | tr -d '\n' >"$file")
  cat "$file"
}

edge_build() {
  local log="$AICQ_LOGS/build-edge.log"
  step "Building the edge (Release)"
  if ! dotnet build "$AICQ_ROOT/src/Aicq.Edge" -c Release --nologo >"$log" 2>&1; then
    grep -E ': (error|warning) ' "$log" | sort -u | tail -n 30 >&2 || tail -n 30 "$log" >&2
    die "the edge did not build; full output in $(relpath "$log")"
  fi
  ok "built $(relpath "$EDGE_DLL")"
}

# The environment the edge runs with; also written to .aicq/secrets/edge.env for running it by hand.
edge_environment() {
  cat <<ENV
EDGE_HTTPS_PORT=$AICQ_EDGE_HTTPS_PORT
EDGE_HTTP_PORT=$AICQ_EDGE_HTTP_PORT
EDGE_INTERNAL_PORT=$AICQ_EDGE_INTERNAL_PORT
EDGE_UPSTREAMS=$(api_upstreams)
TLS_CERT_PATH=$AICQ_TLS/server.crt
TLS_KEY_PATH=$AICQ_TLS/server.key
REDIS_URL=$(redis_url)/1
ADMIN_TOKEN=$(edge_admin_token)
ENV=development
LOG_FORMAT=json
ENV
}

edge_start() {
  local pid stamp
  edge_build
  # Harmless when the files exist: the same CA stays trusted across restarts.
  dotnet "$EDGE_DLL" --make-dev-cert "$AICQ_TLS" >>"$(edge_log)" 2>&1 || die "could not make the TLS certificate in $(relpath "$AICQ_TLS")"
  stamp="$({ sha256sum "$EDGE_DLL" && edge_environment; } | sha256sum | cut -d' ' -f1)"
  if pid="$(edge_pid)"; then
    if [[ "$(cat "$EDGE_BUILD_STAMP" 2>/dev/null)" == "$stamp" ]] && port_open "$AICQ_EDGE_HTTPS_PORT"; then
      ok "edge already running the current build (pid $pid)"
      return 0
    fi
    note "the build or settings changed since the edge started: restarting it"
    edge_stop
  fi
  require_port_free "$AICQ_EDGE_HTTPS_PORT" edge
  require_port_free "$AICQ_EDGE_HTTP_PORT" "edge http"
  require_port_free "$AICQ_EDGE_INTERNAL_PORT" "edge internal"
  (umask 077 && edge_environment >"$AICQ_SECRETS/edge.env")
  step "Starting the edge on $(edge_url)"
  local environment
  mapfile -t environment <"$AICQ_SECRETS/edge.env"
  (cd "$AICQ_ROOT" && exec env "${environment[@]}" setsid dotnet "$EDGE_DLL" </dev/null >>"$(edge_log)" 2>&1) &
  echo "$!" >"$EDGE_PIDFILE"
  disown "$!"
  echo "$stamp" >"$EDGE_BUILD_STAMP"
  if ! wait_until 60 "$(edge_internal_url)/health/ready" edge_ready_or_dead; then
    tail -n 30 "$(edge_log)" >&2
    edge_stop >/dev/null
    die "the edge did not become ready"
  fi
  note "agents use $(edge_url) and trust $(relpath "$AICQ_TLS/ca.crt")"
}

# Ends the wait early (status 2) when the process has died.
edge_ready_or_dead() {
  edge_pid >/dev/null || return 2
  edge_ready
}

edge_stop() {
  local pid
  pid="$(edge_pid)" || return 0
  step "Stopping the edge (pid $pid)"
  stop_pid "$pid" edge 35
  rm -f "$EDGE_PIDFILE" "$EDGE_BUILD_STAMP"
}
