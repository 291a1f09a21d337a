# shellcheck shell=bash
# `./aicq oncall [status|test]`. The test alert has no `component`, so it reaches the pager receiver only
# and never opens an incident on the status page; it is resolved once the verdict is in.

cmd_oncall() {
  case "${1:-status}" in
    status) oncall_status ;;
    test) shift; oncall_test "$@" ;;
    -h | --help) usage_oncall ;;
    *) die "unknown oncall command '$1' (see ./aicq oncall --help)" ;;
  esac
}

oncall_status() {
  local url
  url="$(oncall_url)"
  if [[ -n "$url" ]]; then note "on-call URL for the next ./aicq up: $(oncall_mask "$url") (.aicq/oncall-url)"; else note "no on-call URL for the next ./aicq up"; fi
  alertmanager_pid >/dev/null || die "Alertmanager is not running; start it with ./aicq up"
  oncall_details
}

# oncall_seconds DURATION: Alertmanager's 1m30s, 10s, 500ms … in whole seconds, rounded up.
oncall_seconds() {
  local rest="$1" total=0 n
  while [[ "$rest" =~ ^([0-9]+)(ms|h|m|s)(.*)$ ]]; do
    n="${BASH_REMATCH[1]}" rest="${BASH_REMATCH[3]}"
    case "${BASH_REMATCH[2]}" in
      h) total=$((total + n * 3600)) ;; m) total=$((total + n * 60)) ;; s) total=$((total + n)) ;;
      ms) total=$((total + (n + 999) / 1000)) ;;
    esac
  done
  printf '%d' "$total"
}

# oncall_route_timings CONFIG_YAML: group_wait and group_interval of the pager's route, in seconds.
oncall_route_timings() {
  local timings
  timings="$(awk -v receiver="$ONCALL_RECEIVER" '
    /^route:/ { in_route = 1; next }
    /^[a-z]/ { in_route = 0 }
    in_route && /^  group_wait:/ { default_wait = $2 }
    in_route && /^  group_interval:/ { default_interval = $2 }
    in_route && /^  - receiver: / { mine = ($3 == receiver) && !seen; if (mine) seen = 1 }
    in_route && mine && /^    group_wait:/ { wait = $2 }
    in_route && mine && /^    group_interval:/ { interval = $2 }
    END { print (wait ? wait : default_wait), (interval ? interval : default_interval) }' <<<"$1")"
  printf '%s %s\n' "$(oncall_seconds "${timings% *}")" "$(oncall_seconds "${timings#* }")"
}

# oncall_verdict LOG OFFSET ALERT INTEGRATION...: what Alertmanager logged since OFFSET about the flush of
# ALERT (name[fingerprint prefix], as it logs it) and the pager receiver: "waiting", "flushed",
# "retrying <err>", "failed <err>" or "delivered".
oncall_verdict() {
  local log="$1" offset="$2" alert="$3"
  shift 3
  tail -c +"$((offset + 1))" "$log" 2>/dev/null | awk -v alert="$alert" -v receiver="$ONCALL_RECEIVER" -v want="$*" '
    function err(  text) { if (!match($0, /err=".*"$/)) return "no reason logged"; text = substr($0, RSTART + 5, RLENGTH - 6); gsub(/\\"/, "\"", text); return text }
    BEGIN { pending = split(want, list, " "); for (i = 1; i <= pending; i++) waiting[list[i]] = 1 }
    !flushed && /msg=flushing/ && index($0, alert) { flushed = 1; next }
    !flushed || verdict != "" { next }
    /msg="Notify for alerts failed"/ && index($0, "err=\"" receiver "/") { verdict = "failed " err(); next }
    index($0, "receiver=" receiver " ") && /msg="Notify attempt failed/ { retrying = err(); next }
    index($0, "receiver=" receiver " ") && /msg="Notify success"/ && match($0, /integration=[^ ]+/) {
      name = substr($0, RSTART + 12, RLENGTH - 12)
      if (name in waiting) { delete waiting[name]; pending-- }
    }
    END {
      if (verdict != "") print verdict
      else if (!flushed) print "waiting"
      else if (pending == 0) print "delivered"
      else if (retrying != "") print "retrying " retrying
      else print "flushed"
    }'
}

# oncall_post URL ID ENDS_AT: the test alert, firing until ENDS_AT (the past resolves it).
oncall_post() {
  jq -nc --arg name "$ONCALL_TEST_ALERT" --arg id "$2" --arg ends "$3" --arg starts "$(date -u +%Y-%m-%dT%H:%M:%SZ)" '[{
    labels: {alertname: $name, severity: "critical", test_id: $id},
    annotations: {summary: "Test page from ./aicq oncall test", description: "Nothing is wrong: this checks that pages arrive."},
    startsAt: $starts, endsAt: $ends}]' |
    curl -sf --max-time 5 -H 'Content-Type: application/json' --data-binary @- "$1/api/v2/alerts" >/dev/null
}

# oncall_fingerprint URL ID: the test alert as Alertmanager's log names it, e.g. AicqOnCallTest[394bdc3].
oncall_fingerprint() {
  local fingerprint
  fingerprint="$(curl -sf --max-time 5 -G "$1/api/v2/alerts" --data-urlencode "filter=test_id=\"$2\"" |
    jq -er '.[0].fingerprint')" || return 1
  printf '%s[%s]' "$ONCALL_TEST_ALERT" "${fingerprint:0:7}"
}

oncall_test() {
  local am="http://127.0.0.1:$AICQ_ALERTMANAGER_PORT" log config alert integrations wait interval bound id offset verdict="waiting" said=""
  log="$(alertmanager_log)"
  while (($# > 0)); do
    case "$1" in
      --alertmanager-url) am="${2:?--alertmanager-url needs a URL}"; shift 2 ;;
      --log) log="${2:?--log needs a file}"; shift 2 ;;
      -h | --help) usage_oncall; return 0 ;;
      *) die "unknown option $1 (see ./aicq oncall --help)" ;;
    esac
  done
  am="${am%/}"
  config="$(oncall_am_config "$am")" || die "Alertmanager does not answer at $am/api/v2/status (./aicq up starts it)"
  mapfile -t integrations < <(oncall_integrations "$config")
  ((${#integrations[@]} > 0)) ||
    die "nobody would be paged: the '$ONCALL_RECEIVER' receiver has no integration; set AICQ_ONCALL_URL=https://… and run ./aicq up"
  [[ -r "$log" ]] || die "cannot read Alertmanager's log $log, where it reports each delivery (--log FILE)"
  read -r wait interval < <(oncall_route_timings "$config")
  # A new group flushes after group_wait, one an earlier test left after group_interval; each attempt may
  # then take Alertmanager's notify timeout (group_interval, at least 10 s) before it gives up.
  bound=$(((wait > interval ? wait : interval) + (interval > 10 ? interval : 10) + 5))
  id="$(date -u +%Y%m%dT%H%M%SZ)-$RANDOM"
  offset="$(stat -c %s "$log")"
  oncall_post "$am" "$id" "$(date -u -d "+$((bound + 60)) seconds" +%Y-%m-%dT%H:%M:%SZ)" ||
    die "Alertmanager at $am refused the test alert (POST /api/v2/alerts)"
  alert="$(oncall_fingerprint "$am" "$id")" || die "Alertmanager at $am accepted the test alert but does not list it"
  step "Test alert $ONCALL_TEST_ALERT (test_id $id) sent to $am; waiting up to $bound s for the '$ONCALL_RECEIVER' receiver (${integrations[*]})"
  local deadline=$((SECONDS + bound))
  while ((SECONDS < deadline)); do
    verdict="$(oncall_verdict "$log" "$offset" "$alert" "${integrations[@]}")"
    case "$verdict" in delivered | failed\ *) break ;; esac
    if [[ "$verdict" == retrying\ * && -z "$said" ]]; then
      said=1 && note "an attempt failed (${verdict#retrying }); Alertmanager retries for up to $((interval > 10 ? interval : 10)) s"
    fi
    sleep 1
  done
  oncall_post "$am" "$id" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" || warn "could not resolve the test alert; it ends by itself"
  case "$verdict" in
    delivered) ok "delivered: the '$ONCALL_RECEIVER' receiver accepted the test alert through ${integrations[*]} (a resolved notification follows)" ;;
    failed\ *) die "not delivered: Alertmanager gave up on the '$ONCALL_RECEIVER' receiver: ${verdict#failed }" ;;
    retrying\ *) die "not delivered within $bound s: every attempt failed, last: ${verdict#retrying }" ;;
    flushed) die "not confirmed within $bound s: Alertmanager sent the alert but logged no success; it must run with --log.level=debug (./aicq down; ./aicq up)" ;;
    *) die "not sent within $bound s: Alertmanager logged no flush of the test alert (silenced? see ./aicq alerts; it logs flushes only with --log.level=debug)" ;;
  esac
}

usage_oncall() {
  cat <<EOF_USAGE
Usage: ./aicq oncall [status]
       ./aicq oncall test [--alertmanager-url URL] [--log FILE]

Critical alerts page on-call through Alertmanager's '$ONCALL_RECEIVER' receiver: the webhook AICQ_ONCALL_URL
names (./aicq up remembers it in .aicq/oncall-url; AICQ_ONCALL_URL= ./aicq up forgets it), and PagerDuty
when .aicq/alertmanager/secrets/pagerduty_routing_key exists. Without either nobody is paged: up and status
say so, and the status page shows Alertmanager as degraded.

  status   the remembered URL (host only) and the receiver's integrations as the running Alertmanager has them
  test     sends a critical test alert '$ONCALL_TEST_ALERT' (no component: no status page incident) through
           Alertmanager's API and waits, up to the pager route's group wait plus Alertmanager's notify timeout,
           for Alertmanager to log that every integration of the receiver accepted it; then resolves it.
           Exit 0 when delivered; 1 with Alertmanager's reason (connection refused, HTTP 500 …) otherwise.
    --alertmanager-url URL  another Alertmanager (default http://127.0.0.1:\$AICQ_ALERTMANAGER_PORT, 9093)
    --log FILE              its log, run with --log.level=debug (default .aicq/logs/alertmanager.log)
EOF_USAGE
}
