# shellcheck shell=bash
# Alertmanager on 127.0.0.1:9093, clustering off. Its configuration is alertmanager/render.sh's local
# variant of the one alertmanager.yml, rendered into .aicq/alertmanager/; integration secrets (PagerDuty,
# Slack, SMTP) are read from .aicq/alertmanager/secrets/, where a missing file only disables that one.

# shellcheck disable=SC2034 # read by part_packages
alertmanager_PACKAGES=(prometheus-alertmanager curl)
AICQ_ALERTMANAGER_PORT="${AICQ_ALERTMANAGER_PORT:-9093}"
ALERTMANAGER_DIR="$AICQ_STATE/alertmanager"
ALERTMANAGER_PIDFILE="$AICQ_RUN/alertmanager.pid"

alertmanager_log() { printf '%s\n' "$AICQ_LOGS/alertmanager.log"; }
alertmanager_listens() { printf 'http://127.0.0.1:%s\n' "$AICQ_ALERTMANAGER_PORT"; }
alertmanager_pid() { pidfile_pid "$ALERTMANAGER_PIDFILE"; }
alertmanager_ready() { [[ "$(http_status "http://127.0.0.1:$AICQ_ALERTMANAGER_PORT/-/ready")" == 200 ]]; }

alertmanager_health() {
  local status
  status="$(http_status "http://127.0.0.1:$AICQ_ALERTMANAGER_PORT/-/ready")"
  if [[ "$status" == 200 ]]; then echo ok; else echo "fail (ready: $status)"; return 1; fi
}

# AICQ_ONCALL_URL and AICQ_HEARTBEAT_URL replace the webhook defaults (see alertmanager/README.md); a
# status page moved with AICQ_STATUS_PORT is followed through a map line.
alertmanager_render() {
  local options=(--map "$ALERTMANAGER_DIR/ports.map")
  [[ -n "${AICQ_ONCALL_URL:-}" ]] && options+=(--oncall-url "$AICQ_ONCALL_URL")
  [[ -n "${AICQ_HEARTBEAT_URL:-}" ]] && options+=(--heartbeat-url "$AICQ_HEARTBEAT_URL")
  mkdir -p "$ALERTMANAGER_DIR/secrets"
  chmod 700 "$ALERTMANAGER_DIR/secrets"
  if [[ "${AICQ_STATUS_PORT:-8088}" == 8088 ]]; then
    : >"$ALERTMANAGER_DIR/ports.map"
  else
    echo "http://127.0.0.1:8088/ => http://127.0.0.1:$AICQ_STATUS_PORT/" >"$ALERTMANAGER_DIR/ports.map"
  fi
  "$AICQ_ROOT/alertmanager/render.sh" local "$ALERTMANAGER_DIR" "${options[@]}" ||
    die "could not render the Alertmanager configuration with alertmanager/render.sh"
}

alertmanager_start() {
  local pid log="$AICQ_LOGS/amtool.log"
  alertmanager_render
  amtool check-config "$ALERTMANAGER_DIR/alertmanager.yml" >"$log" 2>&1 ||
    { tail -n 20 "$log" >&2; die "the rendered Alertmanager configuration is invalid; see $(relpath "$log")"; }
  if pid="$(alertmanager_pid)"; then
    kill -HUP "$pid" # re-reads the configuration; silences and notification state stay
    ok "alertmanager already running (pid $pid); configuration reloaded"
    return 0
  fi
  require_port_free "$AICQ_ALERTMANAGER_PORT" alertmanager
  mkdir -p "$ALERTMANAGER_DIR/data"
  step "Starting Alertmanager on 127.0.0.1:$AICQ_ALERTMANAGER_PORT"
  # An empty --cluster.listen-address turns off clustering (it would listen on every interface).
  (cd "$ALERTMANAGER_DIR" && exec setsid prometheus-alertmanager --config.file="$ALERTMANAGER_DIR/alertmanager.yml" \
    --storage.path="$ALERTMANAGER_DIR/data" --web.listen-address="127.0.0.1:$AICQ_ALERTMANAGER_PORT" \
    --cluster.listen-address= </dev/null >>"$(alertmanager_log)" 2>&1) &
  echo "$!" >"$ALERTMANAGER_PIDFILE"
  disown "$!"
  if ! wait_until 30 "http://127.0.0.1:$AICQ_ALERTMANAGER_PORT/-/ready" alertmanager_ready_or_dead; then
    tail -n 30 "$(alertmanager_log)" >&2
    alertmanager_stop >/dev/null
    die "Alertmanager did not become ready; see $(relpath "$(alertmanager_log)")"
  fi
}

alertmanager_ready_or_dead() {
  alertmanager_pid >/dev/null || return 2
  alertmanager_ready
}

alertmanager_stop() {
  local pid
  pid="$(alertmanager_pid)" || return 0
  step "Stopping Alertmanager (pid $pid)"
  stop_pid "$pid" alertmanager 30
  rm -f "$ALERTMANAGER_PIDFILE"
}
