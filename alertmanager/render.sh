#!/usr/bin/env bash
# Renders the Alertmanager configuration for one deployment variant.
#   render.sh compose|local|fly OUTDIR [--oncall-url URL] [--heartbeat-url URL] [--secrets-dir DIR]
#             [--status-token-file FILE] [--group-wait D] [--group-interval D] [--repeat-interval D] [--map FILE]...
# Writes OUTDIR/alertmanager.yml. `local` applies hosts.local and drops PagerDuty while its routing key
# file is absent; `fly` applies hosts.fly (deploy/fly/render.sh); the timing flags set that key on every
# route (the fire drill uses seconds). See README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

usage() { sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
duration() { [[ "$1" =~ ^[0-9]+(ms|s|m|h)$ ]] || { echo "render.sh: '$1' is not a duration like 5s or 1m" >&2; exit 2; }; }
# A value goes into a sed replacement: reject what would break out of the quoted YAML scalar.
url() { [[ "$1" =~ ^https?://[^[:space:]\'\|\\]+$ ]] || { echo "render.sh: '$1' is not an http(s) URL" >&2; exit 2; }; }

[[ $# -ge 2 ]] || usage
variant="$1" outdir="$2"; shift 2
case "$variant" in compose|local|fly) ;; *) usage ;; esac

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
: > "$tmp/overrides.map"
maps=("$tmp/overrides.map")
[[ "$variant" == local ]] && maps+=("$here/hosts.local")
[[ "$variant" == fly ]] && maps+=("$here/hosts.fly")

edits=()
# On Fly the heartbeat is an external dead man's switch (HEARTBEAT_URL): never the status page's token.
[[ "$variant" == fly ]] && edits+=(-e '/^ *http_config: +# heartbeat-token$/,+3d')
while [[ $# -gt 0 ]]; do
  case "$1" in
    # The empty on-call list becomes one webhook.
    --oncall-url) url "${2:-}"
      edits+=(-e "s|^( *)webhook_configs: \\[\\](  # oncall-url)\$|\1webhook_configs:\2\\n\1  - url: '${2//&/\\&}'\\n\1    send_resolved: true|")
      shift 2 ;;
    # The heartbeat then goes elsewhere: without the status page's token.
    --heartbeat-url) url "${2:-}"
      edits+=(-e "s|^( *- url: ).*(  # heartbeat-url)\$|\1'${2//&/\\&}'\2|" -e '/^ *http_config: +# heartbeat-token$/,+3d')
      shift 2 ;;
    # Goes first, so it wins over the variant's map.
    --secrets-dir) echo "/etc/alertmanager/secrets/ => ${2:?--secrets-dir needs a directory}/" >> "$tmp/overrides.map"; shift 2 ;;
    --status-token-file)
      echo "/run/secrets/status_webhook_token => ${2:?--status-token-file needs a file}" >> "$tmp/overrides.map"; shift 2 ;;
    --group-wait|--group-interval|--repeat-interval)
      duration "${2:-}"; key="${1#--}"; edits+=(-e "s/^( *${key//-/_}: ).*/\1$2/"); shift 2 ;;
    --map) [[ -f "${2:-}" ]] || { echo "render.sh: map file '${2:-}' not found" >&2; exit 2; }; maps+=("$2"); shift 2 ;;
    *) usage ;;
  esac
done

mkdir -p "$outdir"
awk -v root="$root" -f "$root/prometheus/lib/substitute.awk" "${maps[@]}" "$here/alertmanager.yml" |
  sed -E "${edits[@]}" -e '' > "$outdir/alertmanager.yml"

# Locally, PagerDuty without its routing key file would fail every page and still look like a receiver.
if [[ "$variant" == local ]]; then
  key="$(sed -nE 's/^ *- routing_key_file: (.*)$/\1/p' "$outdir/alertmanager.yml")"
  [[ -z "$key" || -f "$key" ]] || sed -i -E '/^ *pagerduty_configs: +# pagerduty$/,+2d' "$outdir/alertmanager.yml"
fi
