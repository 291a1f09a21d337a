# shellcheck shell=bash
# Operations against a deployment: `./aicq smoke`, and production on Fly.io: `./aicq rollback` and the flyctl
# helpers `./aicq deploy` (deploy.sh) shares. The runbook (docs/runbook.md#deploy) explains when to use which;
# backups live in backup.sh.

SMOKE_PROJECT="$AICQ_ROOT/tools/Aicq.Smoke"
SMOKE_DLL="$SMOKE_PROJECT/bin/Release/net10.0/Aicq.Smoke.dll"
FLY_CONFIG="$AICQ_ROOT/fly.toml"
DEPLOY_WAIT_SECONDS="${AICQ_DEPLOY_WAIT_SECONDS:-300}"

# smoke_build: builds the smoke tool only when its DLL is missing or older than a source it is built from.
smoke_build() {
  local newer
  if [[ -f "$SMOKE_DLL" ]]; then
    newer="$(find "$SMOKE_PROJECT" "$AICQ_ROOT/src/Aicq.Client" "$AICQ_ROOT/src/Aicq.Protocol" "$AICQ_ROOT/Directory.Build.props" "$AICQ_ROOT/Directory.Packages.props" \
      -newer "$SMOKE_DLL" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)"
    [[ -z "$newer" ]] && return 0
  fi
  local log="$AICQ_LOGS/smoke-build.log"
  mkdir -p "$AICQ_LOGS"
  if ! dotnet build "$SMOKE_PROJECT" -c Release --nologo >"$log" 2>&1; then
    grep -E ': (error|warning) ' "$log" | sort -u | tail -n 20 >&2 || tail -n 20 "$log" >&2
    die "the smoke tool did not build; full output in $(relpath "$log")"
  fi
}

cmd_smoke() {
  local args=("$@") arg url="" has_ca=false
  for arg in "$@"; do
    [[ "$arg" == --ca-file ]] && has_ca=true
    [[ -z "$url" && ( "$arg" == http://* || "$arg" == https://* ) ]] && url="$arg"
  done
  # The local appliance's edge is signed by its own CA: trust it for https URLs on this machine.
  if ! $has_ca && [[ "$url" =~ ^https://(127\.0\.0\.1|localhost)(:|/|$) && -f "$AICQ_STATE/tls/ca.crt" ]]; then
    args+=(--ca-file "$AICQ_STATE/tls/ca.crt")
  fi
  smoke_build
  dotnet "$SMOKE_DLL" "${args[@]}"
}

# fly_app: the app name in fly.toml.
fly_app() { sed -n 's/^app *= *"\([^"]*\)".*/\1/p' "$FLY_CONFIG" | head -n 1; }

# fly_bin: flyctl's command (`fly` or `flyctl`); dies with how to install it when neither is there.
fly_bin() {
  local name
  for name in "${AICQ_FLY:-fly}" flyctl; do
    command -v "$name" >/dev/null && { printf '%s\n' "$name"; return 0; }
  done
  die "flyctl is not installed (https://fly.io/docs/flyctl/install/); --dry-run shows the plan without it"
}

# fly_previous_image APP CURRENT: the newest released image that is not CURRENT (the one to roll back to).
fly_previous_image() {
  local fly
  fly="$(fly_bin)"
  command -v jq >/dev/null || ensure_packages jq
  "$fly" releases --app "$1" --image --json |
    jq -r '.[] | select(((.Status // .status // "complete") | ascii_downcase) | test("complete|succeeded"))
                | (.ImageRef // .imageRef // empty)' |
    awk -v current="$2" 'NF && $0 != current { print; exit }'
}

fly_current_image() {
  local fly
  fly="$(fly_bin)"
  command -v jq >/dev/null || ensure_packages jq
  "$fly" releases --app "$1" --image --json | jq -r 'first(.[] | (.ImageRef // .imageRef // empty))'
}

# image_tag TEXT: a valid Docker tag from a version string (git describe output).
image_tag() { printf '%s' "$1" | tr -c 'A-Za-z0-9_.-' '-' | cut -c1-128; }

# wait_for_version URL VERSION: until URL/health reports VERSION (the new machines answer), or timeout.
wait_for_version() {
  local url="${1%/}" version="$2" i
  for ((i = 0; i < DEPLOY_WAIT_SECONDS / 5; i++)); do
    curl -fsS --max-time 5 "$url/health" 2>/dev/null | grep -q "\"version\":\"$version\"" && return 0
    sleep 5
  done
  return 1
}

# run_step NAME COMMAND...: prints the step and the exact command, then runs it.
run_step() {
  local name="$1"
  shift
  step "$name"
  printf '  $ %s\n' "$*"
  "$@"
}

cmd_rollback() {
  local dry_run=false app target="" image fly url=""
  app="$(fly_app)"
  while (($# > 0)); do
    case "$1" in
      --dry-run) dry_run=true ;;
      --app) (($# >= 2)) || die "--app needs a name"; app="$2"; shift ;;
      --url) (($# >= 2)) || die "--url needs a URL"; url="$2"; shift ;;
      -*) die "unknown option $1 (see ./aicq rollback --help)" ;;
      *) [[ -z "$target" ]] || die "one version or image at most"; target="$1" ;;
    esac
    shift
  done
  url="${url:-https://$app.fly.dev}"
  fly="${AICQ_FLY:-fly}"
  case "$target" in
    */*) image="$target" ;;           # a full image reference
    "") image="" ;;                   # the release before the current one
    *) image="registry.fly.io/$app:$(image_tag "$target")" ;;
  esac
  if $dry_run; then
    step "Rollback plan for $app (dry run: nothing is run)"
    [[ -n "$image" ]] || { image="<previous image>"; printf '  0. find:   the newest release image before the current one (%s releases --app %s --image --json)\n' "$fly" "$app"; }
    printf '  1. deploy: %s deploy --config %s --app %s --image %s --strategy rolling\n' "$fly" "$FLY_CONFIG" "$app" "$image"
    printf '  2. smoke:  %s smoke %s\n' "$AICQ_ROOT/aicq" "$url"
    return 0
  fi
  fly="$(fly_bin)"
  if [[ -z "$image" ]]; then
    image="$(fly_previous_image "$app" "$(fly_current_image "$app")")"
    [[ -n "$image" ]] || die "no earlier release image found; name one: ./aicq rollback IMAGE (list: $fly releases --app $app --image)"
  fi
  run_step "Rolling back $app to $image" "$fly" deploy --config "$FLY_CONFIG" --app "$app" --image "$image" --strategy rolling ||
    die "the rollback deploy failed; see $fly status --app $app"
  run_step "Smoke test against $url" "$AICQ_ROOT/aicq" smoke "$url" || die "rolled back, but the smoke test fails: follow docs/runbook.md#verify"
  ok "rolled back to $image"
}

usage_smoke() {
  cat <<EOF_USAGE
Usage: ./aicq smoke <base-url> [--ca-file FILE] [--edge | --direct] [--identity FILE] [--timeout SECONDS]

Walks the whole agent journey through Aicq.Client against any deployment: health, register, post, read,
search, private room, encrypted DM, delete; and checks the public surface: the protocol's security
headers, the edge's rate-limit headers (for https URLs, or with --edge; SKIP for a plain-http API
instance), /metrics answering 404, the landing page, /channels, /docs and the OpenAPI document. Prints PASS/FAIL/SKIP per step; exits 1 naming the failed step.

  --ca-file FILE     trust this CA; for https://127.0.0.1 it defaults to .aicq/tls/ca.crt
  --edge | --direct  require / skip the rate-limit header check regardless of the URL
  --identity FILE    reuse this agent key (created on first use) instead of registering a new agent
  --timeout SECONDS  per request (default 10)

Examples: ./aicq smoke https://127.0.0.1:8443     ./aicq smoke https://aicq.fly.dev
EOF_USAGE
}

usage_rollback() {
  cat <<EOF_USAGE
Usage: ./aicq rollback [--dry-run] [--app NAME] [--url URL] [VERSION | IMAGE]

Rolls production back with a rolling deploy of an earlier image, then runs ./aicq smoke. VERSION is a
tag ./aicq deploy pushed (registry.fly.io/<app>:VERSION), IMAGE a full reference; without either, the
newest released image before the current one (from 'fly releases --image'). --dry-run prints the plan;
--url is where to smoke-test (default https://<app>.fly.dev).
EOF_USAGE
}
