# shellcheck shell=bash
# `./aicq alerts`: what Alertmanager holds right now, through amtool (Debian's Alertmanager serves no web UI).

cmd_alerts() {
  local am="http://127.0.0.1:$AICQ_ALERTMANAGER_PORT" states=() matchers=()
  while (($# > 0)); do
    case "$1" in
      --all) states=(--active --inhibited --silenced) ;;
      --alertmanager-url) am="${2:?--alertmanager-url needs a URL}"; shift ;;
      -h | --help) usage_alerts; return 0 ;;
      -*) die "unknown option $1 (see ./aicq alerts --help)" ;;
      *) matchers+=("$1") ;;
    esac
    shift
  done
  command -v amtool >/dev/null || die "amtool is missing; it comes with prometheus-alertmanager (./aicq install)"
  [[ "$(http_status "${am%/}/-/ready")" == 200 ]] || die "Alertmanager does not answer at $am (./aicq up starts it)"
  step "Firing alerts${states[*]:+ (also inhibited and silenced)} at $am"
  amtool --alertmanager.url="$am" alert query ${states[@]+"${states[@]}"} ${matchers[@]+"${matchers[@]}"}
  step "Active silences"
  amtool --alertmanager.url="$am" silence query ${matchers[@]+"${matchers[@]}"}
  note "silence: amtool --alertmanager.url=$am silence add alertname=NAME --duration=1h --comment=WHY"
  note "expire:  amtool --alertmanager.url=$am silence expire ID"
}

usage_alerts() {
  cat <<EOF_USAGE
Usage: ./aicq alerts [--all] [--alertmanager-url URL] [MATCHER...]

Lists the alerts Alertmanager holds that are firing and neither silenced nor inhibited (name, since when,
summary), then the active silences, through amtool from Debian's prometheus-alertmanager: the packaged
Alertmanager serves no web UI. MATCHERs filter both, e.g. ./aicq alerts severity=critical or 'alertname=~Redis.*'.
  --all                   also list inhibited and silenced alerts
  --alertmanager-url URL  another Alertmanager (default http://127.0.0.1:\$AICQ_ALERTMANAGER_PORT, 9093)
Silence and expire with amtool directly; the last lines print the commands. Prometheus' own view of its
rules and pending alerts is at http://127.0.0.1:9090/classic/alerts (docs/runbook.md).
EOF_USAGE
}
