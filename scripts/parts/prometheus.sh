# shellcheck shell=bash
# Prometheus on 127.0.0.1:9090 with the repository's rules. Its configuration is never copied by hand:
# prometheus/render.sh derives it from the one prometheus.yml (local variant) into .aicq/prometheus/,
# together with the blackbox-exporter modules the exporters part uses. Data in .aicq/prometheus/data.

# shellcheck disable=SC2034 # read by part_packages
prometheus_PACKAGES=(prometheus curl jq)
AICQ_PROMETHEUS_PORT="${AICQ_PROMETHEUS_PORT:-9090}"
# Where people reach Prometheus: every alert's generatorURL starts with it (by default the machine's hostname).
AICQ_PROMETHEUS_EXTERNAL_URL="${AICQ_PROMETHEUS_EXTERNAL_URL:-http://127.0.0.1:$AICQ_PROMETHEUS_PORT}"
PROMETHEUS_DIR="$AICQ_STATE/prometheus"
PROMETHEUS_PIDFILE="$AICQ_RUN/prometheus.pid"

prometheus_log() { printf '%s\n' "$AICQ_LOGS/prometheus.log"; }
prometheus_listens() { printf 'http://127.0.0.1:%s\n' "$AICQ_PROMETHEUS_PORT"; }
prometheus_pid() { pidfile_pid "$PROMETHEUS_PIDFILE"; }
prometheus_ready() { [[ "$(http_status "http://127.0.0.1:$AICQ_PROMETHEUS_PORT/-/ready")" == 200 ]]; }

prometheus_health() {
  local status
  status="$(http_status "http://127.0.0.1:$AICQ_PROMETHEUS_PORT/-/ready")"
  if [[ "$status" == 200 ]]; then echo ok; else echo "fail (ready: $status)"; return 1; fi
}

# hosts.local assumes the launcher's default ports; a port moved with its variable becomes one more
# map line, so Prometheus scrapes what actually runs.
prometheus_ports_map() {
  local pair from to
  for pair in "9090:$AICQ_PROMETHEUS_PORT" "9093:${AICQ_ALERTMANAGER_PORT:-9093}" "9091:${AICQ_METRICS_PORT:-9091}" \
    "9095:${AICQ_API2_METRICS_PORT:-9095}" "9187:${AICQ_POSTGRES_EXPORTER_PORT:-9187}" "9121:${AICQ_REDIS_EXPORTER_PORT:-9121}" \
    "9100:${AICQ_NODE_EXPORTER_PORT:-9100}" "9115:${AICQ_BLACKBOX_EXPORTER_PORT:-9115}" \
    "9092:${AICQ_EDGE_INTERNAL_PORT:-9092}" "9094:${AICQ_STATUS_INTERNAL_PORT:-9094}"; do
    from="${pair%%:*}" to="${pair#*:}"
    [[ "$from" == "$to" ]] || printf "'127.0.0.1:%s' => '127.0.0.1:%s'\n" "$from" "$to"
  done
  to="${AICQ_EDGE_HTTPS_PORT:-8443}"
  [[ "$to" == 8443 ]] || printf "'https://127.0.0.1:8443/health' => 'https://127.0.0.1:%s/health'\n" "$to"
}

# Writes .aicq/prometheus/prometheus.yml, blackbox.yml (the exporters part starts blackbox with it) and
# rules/, whose runbook links start with AICQ_DOCS_BASE_URL when set.
prometheus_render() {
  local options=(--map "$PROMETHEUS_DIR/ports.map")
  [[ -n "${AICQ_DOCS_BASE_URL:-}" ]] && options+=(--docs-base-url "$AICQ_DOCS_BASE_URL")
  mkdir -p "$PROMETHEUS_DIR"
  prometheus_ports_map >"$PROMETHEUS_DIR/ports.map"
  "$AICQ_ROOT/prometheus/render.sh" local "$PROMETHEUS_DIR" "${options[@]}" ||
    die "could not render the Prometheus configuration with prometheus/render.sh"
}

prometheus_start() {
  local pid log="$AICQ_LOGS/promtool.log"
  prometheus_render
  promtool check config "$PROMETHEUS_DIR/prometheus.yml" >"$log" 2>&1 ||
    { tail -n 20 "$log" >&2; die "the rendered Prometheus configuration is invalid; see $(relpath "$log")"; }
  if pid="$(prometheus_pid)"; then
    # SIGHUP re-reads configuration and rules: edits take effect without losing the collected data.
    kill -HUP "$pid"
    ok "prometheus already running (pid $pid); configuration and rules reloaded"
    return 0
  fi
  require_port_free "$AICQ_PROMETHEUS_PORT" prometheus
  mkdir -p "$PROMETHEUS_DIR/data"
  step "Starting Prometheus on 127.0.0.1:$AICQ_PROMETHEUS_PORT"
  # The route prefix stays / whatever path the external URL has (a proxy in front strips it).
  (cd "$PROMETHEUS_DIR" && exec setsid prometheus --config.file="$PROMETHEUS_DIR/prometheus.yml" \
    --storage.tsdb.path="$PROMETHEUS_DIR/data" --storage.tsdb.retention.time=15d \
    --web.listen-address="127.0.0.1:$AICQ_PROMETHEUS_PORT" --web.external-url="$AICQ_PROMETHEUS_EXTERNAL_URL" \
    --web.route-prefix=/ </dev/null >>"$(prometheus_log)" 2>&1) &
  echo "$!" >"$PROMETHEUS_PIDFILE"
  disown "$!"
  if ! wait_until 30 "http://127.0.0.1:$AICQ_PROMETHEUS_PORT/-/ready" prometheus_ready_or_dead; then
    tail -n 30 "$(prometheus_log)" >&2
    prometheus_stop >/dev/null
    die "Prometheus did not become ready; see $(relpath "$(prometheus_log)")"
  fi
  # Until each target's first scrape (within one 15 s interval) the table would say "unknown".
  wait_until 20 "the first scrape of every target" prometheus_scraped_all || true
}

prometheus_ready_or_dead() {
  prometheus_pid >/dev/null || return 2
  prometheus_ready
}

prometheus_scraped_all() {
  local targets
  targets="$(prometheus_targets_tsv)" || return 1
  [[ -n "$targets" ]] && ! cut -f3 <<<"$targets" | grep -qx unknown
}

prometheus_stop() {
  local pid
  pid="$(prometheus_pid)" || return 0
  step "Stopping Prometheus (pid $pid)"
  stop_pid "$pid" prometheus 30
  rm -f "$PROMETHEUS_PIDFILE"
}

# One line per scrape target: job, instance, health (up/down/unknown), last error; sorted.
prometheus_targets_tsv() {
  local json
  json="$(curl -sf --max-time 3 "http://127.0.0.1:$AICQ_PROMETHEUS_PORT/api/v1/targets?state=active")" || return 1
  jq -r '.data.activeTargets[] | [.labels.job, .labels.instance, .health, (.lastError // "")] | @tsv' <<<"$json" | sort
}

# prometheus_probe_success INSTANCE: the last probe_success of the blackbox probe of that URL.
prometheus_probe_success() {
  curl -sf --max-time 3 "http://127.0.0.1:$AICQ_PROMETHEUS_PORT/api/v1/query" \
    --data-urlencode "query=probe_success{job=\"blackbox-edge\",instance=\"$1\"}" |
    jq -r '.data.result[0].value[1] // empty'
}

# `./aicq status` and `up`: every scrape target and its health, as one aligned table.
prometheus_details() {
  local targets job instance health error up=0 total=0 sep=$'\x1f' rows
  if ! targets="$(prometheus_targets_tsv)"; then
    warn "could not read the targets from http://127.0.0.1:$AICQ_PROMETHEUS_PORT/api/v1/targets"
    return 0
  fi
  rows="JOB${sep}INSTANCE${sep}HEALTH${sep}NOTE"
  while IFS=$'\t' read -r job instance health error; do
    [[ -n "$job" ]] || continue
    total=$((total + 1))
    [[ "$health" == up ]] && up=$((up + 1))
    if [[ "$health" == up && "$job" == blackbox-edge && "$(prometheus_probe_success "$instance")" == 0 ]]; then
      # The exporter answers; the probe through it is what fails.
      health=probe-failing error="blackbox-exporter up, probe_success 0"
    elif [[ "$health" == up ]]; then
      health=ok error=""
    fi
    rows+=$'\n'"$job$sep$instance$sep$health$sep$error"
  done <<<"$targets"
  printf '%sPrometheus scrape targets%s\n' "$UI_BOLD" "$UI_RESET"
  print_columns 2 <<<"$rows"
  note "$up of $total Prometheus targets up"
}
