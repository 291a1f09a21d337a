# shellcheck shell=bash
# Alertmanager on 127.0.0.1:9093, clustering off. Its configuration is alertmanager/render.sh's local
# variant of the one alertmanager.yml, rendered into .aicq/alertmanager/; integration secrets (PagerDuty,
# Slack, SMTP) are read from .aicq/alertmanager/secrets/, where a missing file only disables that one.

# shellcheck disable=SC2034 # read by part_packages
alertmanager_PACKAGES=(prometheus-alertmanager curl)
AICQ_ALERTMANAGER_PORT="${AICQ_ALERTMANAGER_PORT:-9093}"
# Where people reach it: the links in its notifications (default: this machine's loopback, not its hostname).
AICQ_ALERTMANAGER_EXTERNAL_URL="${AICQ_ALERTMANAGER_EXTERNAL_URL:-http://127.0.0.1:$AICQ_ALERTMANAGER_PORT}"
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

# The on-call URL (AICQ_ONCALL_URL or the remembered one, scripts/lib/oncall.sh) and AICQ_HEARTBEAT_URL
# replace the webhook defaults (see alertmanager/README.md); a status page whose internal port moved
# (AICQ_STATUS_INTERNAL_PORT) is followed through a map line. The webhook token is the status part's file.
alertmanager_render() {
  local options=(--map "$ALERTMANAGER_DIR/ports.map" --status-token-file "$(status_webhook_token_file)") oncall
  oncall="$(oncall_url)"
  [[ -n "$oncall" ]] && options+=(--oncall-url "$oncall")
  [[ -n "${AICQ_HEARTBEAT_URL:-}" ]] && options+=(--heartbeat-url "$AICQ_HEARTBEAT_URL")
  mkdir -p "$ALERTMANAGER_DIR/secrets"
  chmod 700 "$ALERTMANAGER_DIR/secrets"
  # The webhook is on the status page's internal port, not its public one.
  if [[ "${AICQ_STATUS_INTERNAL_PORT:-9094}" == 9094 ]]; then
    : >"$ALERTMANAGER_DIR/ports.map"
  else
    echo "http://127.0.0.1:9094/ => http://127.0.0.1:$AICQ_STATUS_INTERNAL_PORT/" >"$ALERTMANAGER_DIR/ports.map"
  fi
  "$AICQ_ROOT/alertmanager/render.sh" local "$ALERTMANAGER_DIR" "${options[@]}" ||
    die "could not render the Alertmanager configuration with alertmanager/render.sh"
  oncall_remember
  [[ -n "$oncall" ]] || warn "nobody will be paged: AICQ_ONCALL_URL is not set (see ./aicq oncall --help)"
}

alertmanager_details() { oncall_details; }

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
  # An empty --cluster.listen-address turns off clustering (it would listen on every interface). Debug level:
  # only then does Alertmanager 0.25 log a delivery that succeeded at once, which ./aicq oncall test reads.
  # The route prefix stays / whatever path the external URL has (a proxy in front strips it).
  (cd "$ALERTMANAGER_DIR" && exec setsid prometheus-alertmanager --config.file="$ALERTMANAGER_DIR/alertmanager.yml" \
    --storage.path="$ALERTMANAGER_DIR/data" --web.listen-address="127.0.0.1:$AICQ_ALERTMANAGER_PORT" \
    --web.external-url="$AICQ_ALERTMANAGER_EXTERNAL_URL" --web.route-prefix=/ --log.level=debug \
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
