#!/bin/sh
# Alertmanager on Fly: writes each receiver's secret from the machine's environment (Fly secrets) into
# the file alertmanager.yml reads, puts the heartbeat and on-call URLs into the configuration (Alertmanager
# reads no webhook URL from a file), then starts Alertmanager. An unset optional secret leaves that
# integration off and says so; HEARTBEAT_URL and STATUS_WEBHOOK_TOKEN are required.
set -eu

rendered="${AM_RENDERED_CONFIG:-/etc/alertmanager/alertmanager.rendered.yml}"
config="${AM_CONFIG:-/etc/alertmanager/alertmanager.yml}"
secrets="${AM_SECRETS_DIR:-/etc/alertmanager/secrets}"

: "${HEARTBEAT_URL:?is not set: fly secrets set HEARTBEAT_URL=https://... --app aicq-alertmanager (docs/runbook.md#fly-secrets)}"
: "${STATUS_WEBHOOK_TOKEN:?is not set: fly secrets set STATUS_WEBHOOK_TOKEN=... --app aicq-alertmanager (the same value as on aicq-status)}"
for url in "$HEARTBEAT_URL" "${ONCALL_URL:-https://unset.invalid/}"; do
  case "$url" in
    http://* | https://*) ;;
    *) echo "alertmanager entrypoint: '$url' is not an http(s) URL" >&2; exit 1 ;;
  esac
  case "$url" in *"'"* | *" "*) echo "alertmanager entrypoint: a URL must not contain quotes or spaces" >&2; exit 1 ;; esac
done

umask 077
mkdir -p "$secrets"
# write_secret NAME FILE: the secret NAME into secrets/FILE, or no file (that integration stays off).
write_secret() {
  value="$(printenv "$1" || true)"
  if [ -n "$value" ]; then
    printf '%s' "$value" > "$secrets/$2"
    echo "alertmanager entrypoint: $2 written from secret $1"
  else
    rm -f "$secrets/$2"
    echo "alertmanager entrypoint: secret $1 is not set: $2 is absent, that integration is off"
  fi
}
write_secret STATUS_WEBHOOK_TOKEN status_webhook_token
write_secret PAGERDUTY_ROUTING_KEY pagerduty_routing_key
write_secret SLACK_API_URL slack_api_url
write_secret SMTP_PASSWORD smtp_password

# The same two edits as alertmanager/render.sh --heartbeat-url/--oncall-url, on the marked lines.
awk -v q="'" '
  /  # heartbeat-url$/ {
    i = index($0, q); j = index(substr($0, i + 1), q)
    $0 = substr($0, 1, i) ENVIRON["HEARTBEAT_URL"] substr($0, i + j)
  }
  /^ *webhook_configs: \[\]  # oncall-url$/ && ENVIRON["ONCALL_URL"] != "" {
    indent = $0; sub(/[^ ].*$/, "", indent)
    print indent "webhook_configs:  # oncall-url"
    print indent "  - url: " q ENVIRON["ONCALL_URL"] q
    print indent "    send_resolved: true"
    next
  }
  { print }
' "$rendered" > "$config"
[ -n "${ONCALL_URL:-}" ] || echo "alertmanager entrypoint: ONCALL_URL is not set: the pager receiver has no webhook (PagerDuty only, if its key is set)"

exec "${ALERTMANAGER_BIN:-alertmanager}" \
  --config.file="$config" \
  --storage.path=/alertmanager \
  --web.listen-address=:9093 \
  --web.external-url="${ALERTMANAGER_EXTERNAL_URL:-http://aicq-alertmanager.internal:9093}" \
  --web.route-prefix=/ \
  --cluster.listen-address=
