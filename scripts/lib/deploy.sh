# shellcheck shell=bash
# `./aicq deploy [APP]`: production on Fly.io. Without APP, every app of FLY_SET (fly_apps.sh) in dependency
# order; with one, only that app. First the tests (unless --skip-tests) and, when a monitoring app is in the
# plan, deploy/fly/render.sh --check (never ship a config that differs from its source). `aicq` itself:
# image build, rolling deploy, wait for /health to report the version, smoke, and the exact rollback on failure.

# Written once aicq's rolling deploy starts: the image that ran before, so CI rolls back exactly that when a
# later step fails (.github/workflows/ci.yml); absent when this run changed nothing of aicq.
DEPLOY_MARKER="${AICQ_DEPLOY_MARKER:-$AICQ_STATE/deploy/aicq-previous-image}"

cmd_deploy() {
  local dry_run=false skip_tests=false allow_dirty=false app url="" version commit label fly target="" apps member name
  app="$(fly_app)"
  while (($# > 0)); do
    case "$1" in
      --dry-run) dry_run=true ;;
      --skip-tests) skip_tests=true ;;
      --allow-dirty) allow_dirty=true ;;
      --app) (($# >= 2)) || die "--app needs a name"; app="$2"; shift ;;
      --url) (($# >= 2)) || die "--url needs a URL"; url="$2"; shift ;;
      -*) die "unknown option $1 (see ./aicq deploy --help)" ;;
      *)
        [[ -z "$target" ]] || die "one app at most (or none for all of: ${FLY_SET[*]})"
        [[ " ${FLY_SET[*]} " == *" $1 "* ]] || die "no app named '$1'; apps: ${FLY_SET[*]}"
        target="$1"
        ;;
    esac
    shift
  done
  [[ -n "$app" ]] || die "no app name in $(relpath "$FLY_CONFIG")"
  url="${url:-https://$app.fly.dev}"
  if [[ -n "$target" ]]; then apps=("$target"); else apps=("${FLY_SET[@]}"); fi
  version="$(git -C "$AICQ_ROOT" describe --tags --always --dirty 2>/dev/null || echo dev)"
  commit="$(git -C "$AICQ_ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
  label="$(image_tag "$version")"
  fly="${AICQ_FLY:-fly}"
  local test_cmd=("$AICQ_ROOT/aicq" test) render_cmd=("$FLY_DIR/render.sh" --check) monitoring=false
  [[ " ${apps[*]} " == *" aicq "* && ${#apps[@]} == 1 ]] || monitoring=true

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
    step "Deploy plan for ${apps[*]} (dry run: nothing is run)"
    printf '  version %s, commit %s\n' "$version" "$commit"
    if $skip_tests; then printf '  1. tests:  (skipped: --skip-tests)\n'; else printf '  1. tests:  %s\n' "${test_cmd[*]}"; fi
    $monitoring && printf '  configs:   %s (the rendered configs match prometheus/, alertmanager/, grafana/, loki/)\n' "${render_cmd[*]}"
    for member in "${apps[@]}"; do
      if [[ "$member" == aicq ]]; then
        deploy_aicq_plan "$app" "$url" "$version" "$commit" "$label" "$fly"
      else
        name="$(toml_value "$(fly_toml "$member")" app)"
        deploy_plan_app "$member" "$name" "$version" "$commit" "$fly"
      fi
    done
    return 0
  fi

  fly="$(fly_bin)"
  command -v jq >/dev/null || ensure_packages jq
  rm -f "$DEPLOY_MARKER"
  if $skip_tests; then note "tests skipped (--skip-tests)"; else run_step "1/5 Running the tests" "${test_cmd[@]}"; fi
  if $monitoring; then run_step "Checking the rendered monitoring configs against their sources" "${render_cmd[@]}" ||
    die "a rendered config differs from its source (above): run deploy/fly/render.sh, commit, deploy again; nothing was deployed"; fi
  for member in "${apps[@]}"; do
    if [[ "$member" == aicq ]]; then
      deploy_aicq "$app" "$url" "$version" "$commit" "$label" "$fly"
    else
      deploy_app "$member" "$(toml_value "$(fly_toml "$member")" app)" "$version" "$commit"
    fi
  done
  ok "deployed ${apps[*]} at $version"
}

# deploy_aicq_commands APP VERSION COMMIT LABEL FLY URL: sets build_cmd, deploy_cmd, smoke_cmd and image.
deploy_aicq_commands() {
  image="registry.fly.io/$1:$4"
  build_cmd=("$5" deploy --config "$FLY_CONFIG" --app "$1" --build-only --push --image-label "$4"
    --build-arg "VERSION=$2" --build-arg "COMMIT=$3")
  deploy_cmd=("$5" deploy --config "$FLY_CONFIG" --app "$1" --image "$image" --strategy rolling)
  smoke_cmd=("$AICQ_ROOT/aicq" smoke "$6" --identity "$AICQ_STATE/smoke/$1-agent.json")
}

# deploy_aicq_plan APP URL VERSION COMMIT LABEL FLY: the dry-run lines of the API + edge app.
deploy_aicq_plan() {
  local image build_cmd deploy_cmd smoke_cmd
  deploy_aicq_commands "$1" "$3" "$4" "$5" "$6" "$2"
  step "aicq ($1)"
  printf '  image %s\n' "$image"
  printf '  2. build:  %s\n' "${build_cmd[*]}"
  printf '  3. deploy: %s\n' "${deploy_cmd[*]}"
  printf '  4. wait:   until %s/health reports version %s (up to %ss)\n' "${2%/}" "$3" "$DEPLOY_WAIT_SECONDS"
  printf '  5. smoke:  %s\n' "${smoke_cmd[*]}"
  printf '  on failure after step 3: ./aicq rollback --app %s <the image running before>\n' "$1"
  printf '    (found with: %s releases --app %s --image)\n' "$6" "$1"
}

# deploy_aicq APP URL VERSION COMMIT LABEL FLY: build, rolling deploy, wait for the version, smoke.
deploy_aicq() {
  local app="$1" url="$2" version="$3" fly="$6" image build_cmd deploy_cmd smoke_cmd previous rollback
  deploy_aicq_commands "$app" "$version" "$4" "$5" "$fly" "$url"
  previous="$(fly_current_image "$app")" || previous=""
  run_step "2/5 Building and pushing $image" "${build_cmd[@]}" || die "the image did not build; nothing was deployed"
  rollback="./aicq rollback --app $app ${previous:-<previous image: $fly releases --app $app --image>}"
  if [[ -n "$previous" ]]; then mkdir -p "$(dirname "$DEPLOY_MARKER")" && printf '%s\n' "$previous" >"$DEPLOY_MARKER"; fi
  if ! run_step "3/5 Rolling deploy of $image" "${deploy_cmd[@]}"; then
    deploy_failed "the rolling deploy failed" "$rollback" "$fly" "$app" "$previous"
  fi
  step "4/5 Waiting until $url/health reports $version"
  wait_for_version "$url" "$version" || deploy_failed "$url/health did not report $version within ${DEPLOY_WAIT_SECONDS}s" "$rollback" "$fly" "$app" "$previous"
  ok "serving $version"
  mkdir -p "$AICQ_STATE/smoke"
  run_step "5/5 Smoke test against $url" "${smoke_cmd[@]}" || deploy_failed "the smoke test failed" "$rollback" "$fly" "$app" "$previous"
  ok "deployed $version to $app (${previous:-no earlier image} -> $image)"
}

# deploy_failed WHAT ROLLBACK FLY APP PREVIOUS: the exact way back, then exit 1.
deploy_failed() {
  printf '%serror:%s %s\n' "$UI_RED" "$UI_RESET" "$1" >&2
  printf 'Roll back with:\n  %s\n' "$2" >&2
  [[ -n "$5" ]] && printf 'or directly:\n  %s deploy --config %s --app %s --image %s --strategy rolling\n' "$3" "$FLY_CONFIG" "$4" "$5" >&2
  exit 1
}

usage_deploy() {
  cat <<EOF_USAGE
Usage: ./aicq deploy [APP] [--dry-run] [--skip-tests] [--allow-dirty] [--app NAME] [--url URL]

Production deploy to Fly.io. Without APP every app, in dependency order: ${FLY_SET[*]};
with APP only that one. First ./aicq test, and deploy/fly/render.sh --check when a monitoring app is
included (a rendered config that differs from its source stops the deploy before anything is deployed).
  aicq      (fly.toml) build and push the image tagged with 'git describe'; 'fly deploy --strategy rolling';
            wait until URL/health reports the new version; ./aicq smoke URL; on failure the exact rollback
  the rest  (deploy/fly/APP/fly.toml) check the app's volume exists; 'fly deploy'; wait until every machine
            is started and every check passing ('fly status'); print the release before and after
Needs flyctl, logged in (fly auth login), and jq.

  --dry-run      print the plan with every command, run nothing (needs neither flyctl nor a login)
  --skip-tests   skip ./aicq test (CI already ran it on this commit)
  --allow-dirty  deploy a working tree with uncommitted changes (its image is tagged <version>-dirty);
                 without it such a tree is refused before anything runs, and --dry-run warns about it
  --app NAME     another Fly app for aicq (default: app in fly.toml)
  --url URL      where to wait and smoke-test aicq (default https://<app>.fly.dev)
EOF_USAGE
}
