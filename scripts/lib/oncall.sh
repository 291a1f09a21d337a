# shellcheck shell=bash
# Paging: which URL the `pager` receiver pages (AICQ_ONCALL_URL, remembered in .aicq/oncall-url), the
# warning `up` and `status` print while nobody would be paged, and `./aicq oncall test`, which sends a test
# alert through Alertmanager's API and waits for Alertmanager's own word that the pager receiver took it.
#
# Alertmanager 0.25's notification metrics carry no receiver label (the heartbeat and status page are
# webhooks too), so delivery is read from its log: it names the receiver on every attempt, at debug level
# for a first-attempt success (alertmanager_start runs it with --log.level=debug for this).

ONCALL_URL_FILE="$AICQ_STATE/oncall-url"
ONCALL_RECEIVER=pager
ONCALL_TEST_ALERT=AicqOnCallTest

# The on-call URL to render: AICQ_ONCALL_URL when set (empty forgets the remembered one), else the remembered one.
oncall_url() {
  if [[ -v AICQ_ONCALL_URL ]]; then
    printf '%s' "$AICQ_ONCALL_URL"
  elif [[ -s "$ONCALL_URL_FILE" ]]; then
    cat "$ONCALL_URL_FILE"
  fi
}

# Keeps what oncall_url chose for later `up`s; private, since webhook URLs often carry a token.
oncall_remember() {
  local url
  url="$(oncall_url)"
  if [[ -z "$url" ]]; then rm -f "$ONCALL_URL_FILE"; return 0; fi
  (umask 077 && printf '%s\n' "$url" >"$ONCALL_URL_FILE")
}

# oncall_mask URL: scheme and host only, so a token in the path or query never reaches a terminal or CI log.
oncall_mask() {
  local rest="${1#*://}"
  printf '%s://%s%s' "${1%%://*}" "${rest%%[/?#]*}" "$([[ "$rest" == *[/?#]* ]] && printf '/…')"
}

# oncall_integrations CONFIG_YAML: the pager receiver's integrations as Alertmanager names them in its log
# (webhook[0], pagerduty[0] …), one a line, from the configuration it reports at /api/v2/status.
oncall_integrations() {
  awk -v receiver="$ONCALL_RECEIVER" '
    /^receivers:/ { in_receivers = 1; next }
    /^[a-z]/ { in_receivers = 0 }
    in_receivers && /^- name: / { mine = ($3 == receiver); next }
    in_receivers && mine && /^  [a-z]+_configs:/ { kind = $1; sub(/_configs:$/, "", kind); n = 0; next }
    in_receivers && mine && kind != "" && /^  - / { printf "%s[%d]\n", kind, n++ }
  ' <<<"$1"
}

# oncall_am_config URL: Alertmanager's loaded configuration (normalised YAML) from its API.
oncall_am_config() { curl -sf --max-time 5 "$1/api/v2/status" | jq -er '.config.original'; }

# Printed below the table by `up` and `status` (alertmanager_details): loud when nobody would be paged.
oncall_details() {
  local am="http://127.0.0.1:$AICQ_ALERTMANAGER_PORT" config integrations url
  if ! config="$(oncall_am_config "$am")"; then
    warn "could not read Alertmanager's configuration from $am/api/v2/status: cannot tell whether anyone is paged"
    return 0
  fi
  integrations="$(oncall_integrations "$config" | paste -sd ' ' -)"
  if [[ -z "$integrations" ]]; then
    warn "${UI_BOLD}NOBODY WILL BE PAGED${UI_RESET}: the '$ONCALL_RECEIVER' receiver has no integration. Set AICQ_ONCALL_URL=https://… and run ./aicq up (it is remembered), then ./aicq oncall test"
    return 0
  fi
  url="$(oncall_url)"
  ok "critical alerts page on-call through $integrations${url:+ ($(oncall_mask "$url"))}; check it with ./aicq oncall test"
}

# shellcheck source=scripts/lib/oncall_test.sh
source "$AICQ_ROOT/scripts/lib/oncall_test.sh"
# shellcheck source=scripts/lib/alerts.sh
source "$AICQ_ROOT/scripts/lib/alerts.sh"
