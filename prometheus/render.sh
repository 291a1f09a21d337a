#!/usr/bin/env bash
# Renders the Prometheus and blackbox-exporter configuration for one deployment variant.
#   render.sh compose|local|fly OUTDIR [--scrape-interval D] [--evaluation-interval D]
#                                  [--ca-file PATH] [--docs-base-url URL] [--map FILE]...
# Writes OUTDIR/prometheus.yml, OUTDIR/blackbox.yml and OUTDIR/rules/*.yml (each runbook_url under
# --docs-base-url instead of the committed base). `compose` keeps the committed files' hosts; `local`
# applies hosts.local (loopback ports), `fly` hosts.fly (Fly's private network; deploy/fly/render.sh).
# Extra --map files (same "FROM => TO" format) are applied after the variant's map. See README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

usage() { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
duration() { [[ "$1" =~ ^[0-9]+(ms|s|m|h)$ ]] || { echo "render.sh: '$1' is not a duration like 1s or 15s" >&2; exit 2; }; }

[[ $# -ge 2 ]] || usage
variant="$1" outdir="$2"; shift 2
maps=()
case "$variant" in
  compose) ;;
  local) maps+=("$here/hosts.local") ;;
  fly) maps+=("$here/hosts.fly") ;;
  *) usage ;;
esac

# Where the committed rules' runbook_url points (docs/runbook.md on the repository's main branch).
committed_docs_base="https://github.com/aicq/aicq/blob/main/docs"
scrape="" evaluation="" ca_file="" docs_base="$committed_docs_base"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scrape-interval) duration "${2:-}"; scrape="$2"; shift 2 ;;
    --evaluation-interval) duration "${2:-}"; evaluation="$2"; shift 2 ;;
    --ca-file) ca_file="${2:?--ca-file needs a path}"; shift 2 ;;
    --docs-base-url)
      [[ "${2:-}" =~ ^https?://[^[:space:]]+$ ]] || { echo "render.sh: '${2:-}' is not an http(s) URL" >&2; exit 2; }
      docs_base="${2%/}"; shift 2 ;;
    --map) [[ -f "${2:-}" ]] || { echo "render.sh: map file '${2:-}' not found" >&2; exit 2; }; maps+=("$2"); shift 2 ;;
    *) usage ;;
  esac
done

mkdir -p "$outdir"
tmp_map="$(mktemp)"; trap 'rm -f "$tmp_map"' EXIT
substitute() { awk -v root="$root" -f "$here/lib/substitute.awk" ${maps[@]+"${maps[@]}"} "$1"; }

# Only the global block sets these keys (two-space indent), so the overrides cannot hit a job.
substitute "$here/prometheus.yml" |
  sed -E ${scrape:+-e "s/^(  scrape_interval: ).*/\1$scrape/"} \
         ${evaluation:+-e "s/^(  evaluation_interval: ).*/\1$evaluation/"} -e '' \
  > "$outdir/prometheus.yml"

substitute "$here/blackbox.yml" |
  sed -E ${ca_file:+-e "s|^( +ca_file: ).*|\1$ca_file|"} -e '' \
  > "$outdir/blackbox.yml"

# prometheus.yml names rules/*.yml relative to itself, so the rendered rules sit next to it.
mkdir -p "$outdir/rules"
rm -f "$outdir"/rules/*.yml
echo "runbook_url: $committed_docs_base/ => runbook_url: $docs_base/" > "$tmp_map"
for rules in "$here"/rules/*.yml; do
  awk -f "$here/lib/substitute.awk" "$tmp_map" "$rules" > "$outdir/rules/$(basename "$rules")"
done
