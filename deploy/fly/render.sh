#!/usr/bin/env bash
# Renders the Fly monitoring apps' configuration from the sources compose and ./aicq up use, into
# deploy/fly/<app>/config/ (committed, so a review sees what ships). `--check` renders aside and fails,
# with the diff, when a committed rendering differs from what its source renders to now.
#   deploy/fly/render.sh [--check] [--out DIR]
# prometheus/ and alertmanager/ through their render.sh `fly` variant (hosts.fly), grafana/ through
# grafana/hosts.fly, loki/ as is. See deploy/fly/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
apps=(prometheus alertmanager grafana loki)

usage() { sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

check=false out="$here"
while (($# > 0)); do
  case "$1" in
    --check) check=true ;;
    --out) out="${2:?--out needs a folder}"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done

# render_all DIR: every app's config/ under DIR/<app>/config.
render_all() {
  local dir="$1"
  echo "==> prometheus: prometheus/render.sh fly"
  "$root/prometheus/render.sh" fly "$dir/prometheus/config"
  echo "==> alertmanager: alertmanager/render.sh fly"
  "$root/alertmanager/render.sh" fly "$dir/alertmanager/config"
  echo "==> grafana: provisioning with grafana/hosts.fly, dashboards as they are"
  mkdir -p "$dir/grafana/config/provisioning/datasources" "$dir/grafana/config/provisioning/dashboards" "$dir/grafana/config/dashboards"
  awk -f "$root/prometheus/lib/substitute.awk" "$root/grafana/hosts.fly" "$root/grafana/provisioning/datasources/aicq.yml" \
    > "$dir/grafana/config/provisioning/datasources/aicq.yml"
  cp "$root/grafana/provisioning/dashboards/aicq.yml" "$dir/grafana/config/provisioning/dashboards/aicq.yml"
  rm -f "$dir"/grafana/config/dashboards/*.json
  cp "$root"/grafana/dashboards/*.json "$dir/grafana/config/dashboards/"
  echo "==> loki: loki/loki-config.yaml as it is"
  mkdir -p "$dir/loki/config"
  cp "$root/loki/loki-config.yaml" "$dir/loki/config/loki-config.yaml"
}

if ! $check; then
  render_all "$out"
  echo "rendered into ${out#"$root"/}/<app>/config for: ${apps[*]}"
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
render_all "$tmp" >/dev/null
drift=0
for app in "${apps[@]}"; do
  if diff -ru "$out/$app/config" "$tmp/$app/config"; then
    echo "ok: $app matches its source"
  else
    echo "drift: deploy/fly/$app/config differs from its source (above: committed vs rendered)" >&2
    drift=1
  fi
done
if ((drift)); then echo "run deploy/fly/render.sh and commit the result" >&2; fi
exit "$drift"
