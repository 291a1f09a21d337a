# shellcheck shell=bash
# The edge: the one public entry point agents use (HTTPS on 127.0.0.1:8443, HTTP :8080 answering 308),
# in front of both API instances, with rate-limit state in Redis (database 0, keys under aicq:edge:) and /metrics, health and the
# block admin API on the internal port :9092. A local CA and server certificate are made on first start.

# shellcheck disable=SC2034 # read by part_packages
edge_PACKAGES=(curl clang zlib1g-dev) # clang and zlib: the Native AOT publish links with them
AICQ_EDGE_HTTPS_PORT="${AICQ_EDGE_HTTPS_PORT:-8443}"
AICQ_EDGE_HTTP_PORT="${AICQ_EDGE_HTTP_PORT:-8080}"
AICQ_EDGE_INTERNAL_PORT="${AICQ_EDGE_INTERNAL_PORT:-9092}"
# The edge runs as a Native AOT binary (issue 15); the tests look for it here too (RepoPaths.EdgeBinary).
EDGE_BIN="$AICQ_ROOT/src/Aicq.Edge/bin/aot/Aicq.Edge"
AICQ_TLS="$AICQ_STATE/tls"

edge_log() { printf '%s\n' "$AICQ_LOGS/edge.log"; }
edge_url() { printf 'https://127.0.0.1:%s\n' "$AICQ_EDGE_HTTPS_PORT"; }
edge_internal_url() { printf 'http://127.0.0.1:%s\n' "$AICQ_EDGE_INTERNAL_PORT"; }
edge_listens() { printf '%s (agents; CA %s)  http :%s → 308  internal :%s\n' "$(edge_url)" "$(relpath "$AICQ_TLS/ca.crt")" "$AICQ_EDGE_HTTP_PORT" "$AICQ_EDGE_INTERNAL_PORT"; }
edge_pid() { dotnet_service_pid edge; }
edge_health() { dotnet_service_health "$(edge_internal_url)/health/ready"; }
edge_stop() { dotnet_service_stop edge; }

# The token for the internal block admin API, made once and kept with the other secrets.
edge_admin_token() {
  local file="$AICQ_SECRETS/edge_admin_token"
  [[ -s "$file" ]] || (umask 077 && { random_secret; random_secret; } | tr -d '\n' >"$file")
  cat "$file"
}

# The environment the edge runs with; also kept in .aicq/secrets/edge.env for running it by hand.
edge_environment() {
  cat <<ENV
EDGE_HTTPS_PORT=$AICQ_EDGE_HTTPS_PORT
EDGE_HTTP_PORT=$AICQ_EDGE_HTTP_PORT
EDGE_INTERNAL_PORT=$AICQ_EDGE_INTERNAL_PORT
EDGE_PUBLIC_URL=$(edge_url)
EDGE_UPSTREAMS=$(api_upstreams)
TLS_CERT_PATH=$AICQ_TLS/server.crt
TLS_KEY_PATH=$AICQ_TLS/server.key
REDIS_URL=$(redis_url)
ADMIN_TOKEN=$(edge_admin_token)
ENV=development
LOG_FORMAT=json
ENV
}

edge_build() { dotnet_publish_native "the edge" src/Aicq.Edge "$EDGE_BIN" "$AICQ_LOGS/build-edge.log"; }

edge_start() {
  edge_build
  # The same CA stays trusted across restarts: the tool keeps a complete set, so skip starting it for one.
  [[ -f "$AICQ_TLS/ca.crt" && -f "$AICQ_TLS/server.crt" && -f "$AICQ_TLS/server.key" ]] ||
    "$EDGE_BIN" --make-dev-cert "$AICQ_TLS" >>"$(dotnet_service_console_log edge)" 2>&1 ||
    die "could not make the TLS certificate in $(relpath "$AICQ_TLS"); see $(relpath "$(dotnet_service_console_log edge)")"
  dotnet_service_start edge "$EDGE_BIN" "$(edge_log)" "$(edge_internal_url)/health/ready" \
    "$AICQ_EDGE_HTTPS_PORT" "$AICQ_EDGE_HTTP_PORT" "$AICQ_EDGE_INTERNAL_PORT" < <(edge_environment)
  note "agents use $(edge_url) and trust $(relpath "$AICQ_TLS/ca.crt")"
}
