# shellcheck shell=bash
# Operations against a deployment: `./aicq smoke`, and production on Fly.io: `./aicq deploy`, `./aicq rollback`.
# The runbook (docs/runbook.md#deploy) explains when to use which; backups live in backup.sh.

SMOKE_PROJECT="$AICQ_ROOT/tools/Aicq.Smoke"
SMOKE_DLL="$SMOKE_PROJECT/bin/Release/net10.0/Aicq.Smoke.dll"
FLY_CONFIG="$AICQ_ROOT/fly.toml"
DEPLOY_WAIT_SECONDS="${AICQ_DEPLOY_WAIT_SECONDS:-300}"

# smoke_build: builds the smoke tool only when its DLL is missing or older than a source it is built from.
smoke_build() {
  local newer
  if [[ -f "$SMOKE_DLL" ]]; then
    newer="$(find "$SMOKE_PROJECT" "$AICQ_ROOT/src/Aicq.Client" "$AICQ_ROOT/Directory.Build.props" "$AICQ_ROOT/Directory.Packages.props" \
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

cmd_deploy() {
  local dry_run=false skip_tests=false allow_dirty=false app url version commit label image previous fly rollback
  app="$(fly_app)"
  while (($# > 0)); do
    case "$1" in
      --dry-run) dry_run=true ;;
      --skip-tests) skip_tests=true ;;
      --allow-dirty) allow_dirty=true ;;
      --app) (($# >= 2)) || die "--app needs a name"; app="$2"; shift ;;
      --url) (($# >= 2)) || die "--url needs a URL"; url="$2"; shift ;;
      *) die "unknown option $1 (see ./aicq deploy --help)" ;;
    esac
    shift
  done
  [[ -n "$app" ]] || die "no app name in $(relpath "$FLY_CONFIG")"
  url="${url:-https://$app.fly.dev}"
  version="$(git -C "$AICQ_ROOT" describe --tags --always --dirty 2>/dev/null || echo dev)"
  commit="$(git -C "$AICQ_ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
  label="$(image_tag "$version")"
  image="registry.fly.io/$app:$label"
  fly="${AICQ_FLY:-fly}"

  local test_cmd=("$AICQ_ROOT/aicq" test)
  local build_cmd=("$fly" deploy --config "$FLY_CONFIG" --app "$app" --build-only --push --image-label "$label"
    --build-arg "VERSION=$version" --build-arg "COMMIT=$commit")
  local deploy_cmd=("$fly" deploy --config "$FLY_CONFIG" --app "$app" --image "$image" --strategy rolling)
  local smoke_cmd=("$AICQ_ROOT/aicq" smoke "$url" --identity "$AICQ_STATE/smoke/$app-agent.json")

  # A release built from uncommitted changes cannot be rebuilt or reviewed from its tag: refuse it unless asked.
  if [[ "$version" == *-dirty ]]; then
    if $dry_run; then
      warn "the working tree has uncommitted changes (git status): this plan would release them as $label; a real deploy refuses unless --allow-dirty"
    elif $allow_dirty; then
      warn "the working tree has uncommitted changes: deploying them as $label (--allow-dirty)"
    else
      die "the working tree has uncommitted changes (git status): commit or stash them, or release them as $label with --allow-dirty"
    fi
  fi

  if $dry_run; then
    step "Deploy plan for $app (dry run: nothing is run)"
    printf '  version %s, commit %s, image %s\n' "$version" "$commit" "$image"
    if $skip_tests; then printf '  1. tests:  (skipped: --skip-tests)\n'; else printf '  1. tests:  %s\n' "${test_cmd[*]}"; fi
    printf '  2. build:  %s\n' "${build_cmd[*]}"
    printf '  3. deploy: %s\n' "${deploy_cmd[*]}"
    printf '  4. wait:   until %s/health reports version %s (up to %ss)\n' "${url%/}" "$version" "$DEPLOY_WAIT_SECONDS"
    printf '  5. smoke:  %s\n' "${smoke_cmd[*]}"
    printf '  on failure after step 3: ./aicq rollback --app %s <the image running before>\n' "$app"
    printf '    (found with: %s releases --app %s --image)\n' "$fly" "$app"
    return 0
  fi

  fly="$(fly_bin)"
  build_cmd[0]="$fly" deploy_cmd[0]="$fly"
  if $skip_tests; then note "tests skipped (--skip-tests)"; else run_step "1/5 Running the tests" "${test_cmd[@]}"; fi
  previous="$(fly_current_image "$app")" || previous=""
  run_step "2/5 Building and pushing $image" "${build_cmd[@]}" || die "the image did not build; nothing was deployed"
  rollback="./aicq rollback --app $app ${previous:-<previous image: $fly releases --app $app --image>}"
  if ! run_step "3/5 Rolling deploy of $image" "${deploy_cmd[@]}"; then
    deploy_failed "the rolling deploy failed" "$rollback" "$fly" "$app" "$previous"
  fi
  step "4/5 Waiting until $url/health reports $version"
  wait_for_version "$url" "$version" || deploy_failed "$url/health did not report $version within ${DEPLOY_WAIT_SECONDS}s" "$rollback" "$fly" "$app" "$previous"
  ok "serving $version"
  mkdir -p "$AICQ_STATE/smoke"
  run_step "5/5 Smoke test against $url" "${smoke_cmd[@]}" || deploy_failed "the smoke test failed" "$rollback" "$fly" "$app" "$previous"
  ok "deployed $version to $app"
}

# deploy_failed WHAT ROLLBACK FLY APP PREVIOUS: the exact way back, then exit 1.
deploy_failed() {
  printf '%serror:%s %s\n' "$UI_RED" "$UI_RESET" "$1" >&2
  printf 'Roll back with:\n  %s\n' "$2" >&2
  [[ -n "$5" ]] && printf 'or directly:\n  %s deploy --config %s --app %s --image %s --strategy rolling\n' "$3" "$FLY_CONFIG" "$4" "$5" >&2
  exit 1
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
instance), and /metrics answering 404. Prints PASS/FAIL/SKIP per step; exits 1 naming the failed step.

  --ca-file FILE     trust this CA; for https://127.0.0.1 it defaults to .aicq/tls/ca.crt
  --edge | --direct  require / skip the rate-limit header check regardless of the URL
  --identity FILE    reuse this agent key (created on first use) instead of registering a new agent
  --timeout SECONDS  per request (default 10)

Examples: ./aicq smoke https://127.0.0.1:8443     ./aicq smoke https://aicq.fly.dev
EOF_USAGE
}

usage_deploy() {
  cat <<EOF_USAGE
Usage: ./aicq deploy [--dry-run] [--skip-tests] [--allow-dirty] [--app NAME] [--url URL]

Production deploy to Fly.io (fly.toml), in order: ./aicq test; build and push the image tagged with
'git describe' (VERSION/COMMIT build args); 'fly deploy --strategy rolling' of that image; wait until
URL/health reports the new version; ./aicq smoke URL. When a step after the build fails it prints the
exact rollback command (the image that ran before). Needs flyctl, logged in (fly auth login).

  --dry-run      print the plan with every command, run nothing (needs neither flyctl nor a login)
  --skip-tests   skip ./aicq test (CI already ran it on this commit)
  --allow-dirty  deploy a working tree with uncommitted changes (its image is tagged <version>-dirty);
                 without it such a tree is refused before anything runs, and --dry-run warns about it
  --app NAME     another Fly app (default: app in fly.toml)
  --url URL      where to wait and smoke-test (default https://<app>.fly.dev)
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
