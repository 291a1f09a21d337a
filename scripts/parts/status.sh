# shellcheck shell=bash
# The status page: built in Release and run from its build output on 127.0.0.1:8088, with the probes, /metrics and
# the internal endpoints (Alertmanager webhook, operator API) on 127.0.0.1:9094. It watches the parts this launcher
# runs, sends its synthetic agent through the edge when the edge part runs (else straight to the API), and keeps
# its tables in the API's database (schema "status"). Grafana and Loki do not run here: "not monitored".

# shellcheck disable=SC2034 # read by part_packages
status_PACKAGES=(curl)
AICQ_STATUS_PORT="${AICQ_STATUS_PORT:-8088}"
AICQ_STATUS_INTERNAL_PORT="${AICQ_STATUS_INTERNAL_PORT:-9094}"
STATUS_DLL="$AICQ_ROOT/src/Aicq.StatusPage/bin/Release/net10.0/Aicq.StatusPage.dll"

status_log() { printf '%s\n' "$AICQ_LOGS/status.log"; }
status_listens() { printf 'http://127.0.0.1:%s  internal http://127.0.0.1:%s\n' "$AICQ_STATUS_PORT" "$AICQ_STATUS_INTERNAL_PORT"; }
status_pid() { dotnet_service_pid status; }
status_ready_url() { printf 'http://127.0.0.1:%s/health/ready\n' "$AICQ_STATUS_INTERNAL_PORT"; }
status_health() { dotnet_service_health "$(status_ready_url)"; }
status_stop() { dotnet_service_stop status; }

# The operator token, made once and kept with the other secrets.
status_admin_token() {
  local file="$AICQ_SECRETS/status_admin_token"
  [[ -s "$file" ]] || (umask 077 && { random_secret; random_secret; } | tr -d '\n' >"$file")
  cat "$file"
}

# The token Alertmanager presents to the webhook (STATUS_WEBHOOK_TOKEN): made once, read by both from this file.
status_webhook_token_file() {
  local file="$AICQ_SECRETS/status_webhook_token"
  [[ -s "$file" ]] || (umask 077 && { random_secret; random_secret; } | tr -d '\n' >"$file")
  printf '%s\n' "$file"
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
STATUS_WEBHOOK_TOKEN_FILE=$(status_webhook_token_file)
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
  status_has_part alertmanager && printf 'STATUS_ALERTMANAGER_URL=http://127.0.0.1:%s\nSTATUS_MAINTENANCE_SILENCES=true\n' "${AICQ_ALERTMANAGER_PORT:-9093}"
  return 0
}

status_build() { dotnet_build "the status page" src/Aicq.StatusPage "$STATUS_DLL" "$AICQ_LOGS/build-status.log"; }

status_start() {
  status_build
  dotnet_service_start status "$STATUS_DLL" "$(status_log)" "$(status_ready_url)" \
    "$AICQ_STATUS_PORT" "$AICQ_STATUS_INTERNAL_PORT" < <(status_environment)
  note "status page: http://127.0.0.1:$AICQ_STATUS_PORT (operator token in $(relpath "$AICQ_SECRETS/status_admin_token"))"
}
