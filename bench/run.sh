#!/usr/bin/env bash
# Builds the bench and the API in Release, runs every scenario at the usual concurrency and again at 250
# connections (the RSS target), then adds a dated section with the results and the target verdicts to
# docs/benchmarks.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/run.sh [options]

Builds Release, runs every scenario (public-get, private-get, find, signed-post) against a throwaway
PostgreSQL + Redis + API pinned to one core, once at --connections and once at --rss-connections,
and inserts a dated results section (with computed target verdicts) into docs/benchmarks.md.

Options:
  --duration S          measured seconds per scenario            (default 10)
  --warmup S            warm-up seconds per scenario             (default 3)
  --connections N       connections of the main run              (default 50)
  --rss-connections N   connections of the memory run            (default 250)
  --rss-duration S      measured seconds per scenario there      (default 5)
  --doc PATH            Markdown file to update                  (default docs/benchmarks.md)
  --no-doc              run and print only; leave the doc alone
  --edge                instead of the scenarios: GET /room/{id} directly, through nginx, through bare
                        Kestrel + YARP and through the edge (rate limits off and on), closed loop at
                        --connections and --rss-connections and open loop at half of direct's throughput
                        (issue 3's targets; about 8 minutes)
  -h, --help            this help

Anything after `--` goes to every `Aicq.Bench run` (e.g. -- --api-env DOTNET_TieredPGO=0).
Raw results (JSON) and logs stay under .aicq/bench/results/<timestamp>/.
USAGE
}

duration=10 warmup=3 connections=50 rss_connections=250 rss_duration=5 doc=docs/benchmarks.md write_doc=1 edge=0
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --rss-connections) rss_connections="$2"; shift 2 ;;
    --rss-duration) rss_duration="$2"; shift 2 ;;
    --doc) doc="$2"; shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    --edge) edge=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

echo "== Building Release (bench, and the API and edge it starts)"
dotnet build -c Release bench/Aicq.Bench --nologo -v quiet

bench_dll="$root/bench/Aicq.Bench/bin/Release/net10.0/Aicq.Bench.dll"
results="$root/.aicq/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"

# The API goes on core 0 (the bench pins it there); the load generator, PostgreSQL and Redis share core 1.
pin=()
if [[ "$(nproc --all)" -ge 2 ]] && command -v taskset >/dev/null; then
  pin=(taskset -c 1)
else
  echo "note: fewer than 2 cores or no taskset: nothing is pinned, the numbers mix API and load generator" >&2
  extra+=(--no-pin)
fi

run() {
  local name="$1"; shift
  echo "== Running $name"
  "${pin[@]}" dotnet "$bench_dll" run --scenario all "$@" --out "$results/$name.json" "${extra[@]}" | tee "$results/$name.log"
}

if [[ "$edge" -eq 1 ]]; then
  # The edge and nginx are pinned to core 0 with the API (the bench does it); the load generator stays on core 1.
  echo "== Running edge (direct, nginx, bare-yarp, edge-no-limits, edge)"
  "${pin[@]}" dotnet "$bench_dll" edge --connections "$connections" --duration "$duration" --warmup "$warmup" \
    --rss-connections "$rss_connections" --rss-duration "$rss_duration" --out "$results/edge.json" "${extra[@]}" | tee "$results/edge.log"
  files=(--results "$results/edge.json")
else
  run "c$connections" --connections "$connections" --duration "$duration" --warmup "$warmup"
  run "c$rss_connections" --connections "$rss_connections" --duration "$rss_duration" --warmup "$warmup"
  files=(--results "$results/c$connections.json" --results "$results/c$rss_connections.json")
fi

if [[ "$write_doc" -eq 1 ]]; then
  commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git status --porcelain 2>/dev/null)" ]]; then commit="$commit (with uncommitted changes)"; fi
  dotnet "$bench_dll" report "${files[@]}" --doc "$doc" --commit "$commit"
fi
echo "Raw results: $results"
