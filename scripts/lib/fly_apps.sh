# shellcheck shell=bash
# The Fly apps beside `aicq` (deploy/fly/<app>/fly.toml) for `./aicq deploy` (deploy.sh): their deploy command,
# release, volume and health through flyctl. A member is healthy when every machine is started and every
# check passing; each deploy prints the release it replaced.

# Dependency order: Loki receives aicq's logs; the status page receives Alertmanager's webhooks; Alertmanager
# receives Prometheus's alerts; Prometheus scrapes aicq, the status page and Alertmanager; Grafana reads them all.
# shellcheck disable=SC2034 # read by deploy.sh
FLY_SET=(loki aicq status alertmanager prometheus grafana)
FLY_DIR="$AICQ_ROOT/deploy/fly"

# fly_toml APP: the fly.toml of a member of the set.
fly_toml() { if [[ "$1" == aicq ]]; then printf '%s\n' "$FLY_CONFIG"; else printf '%s\n' "$FLY_DIR/$1/fly.toml"; fi; }

# toml_value FILE KEY: a top-level or [mounts] string value (`key = "value"`) of a fly.toml.
toml_value() { sed -n "s/^ *$2 *= *\"\\([^\"]*\\)\".*/\\1/p" "$1" | head -n 1; }

# fly_app_command APP NAME VERSION COMMIT FLY: the `fly deploy` of a set member other than aicq, one word a line.
fly_app_command() {
  local config
  config="$(fly_toml "$1")"
  if [[ "$1" == status ]]; then # built from the repository's sources, like aicq's image
    printf '%s\n' "$5" deploy "$AICQ_ROOT" --config "$config" --app "$2" --dockerfile "$AICQ_ROOT/deploy/docker/status.Dockerfile" \
      --build-arg "VERSION=$3" --build-arg "COMMIT=$4" --strategy rolling
  else # an upstream image plus the rendered config/ next to its fly.toml
    printf '%s\n' "$5" deploy "$FLY_DIR/$1" --config "$config" --app "$2" --dockerfile "$FLY_DIR/$1/Dockerfile"
  fi
}

# fly_release APP: "vN image" of the app's newest release ("none" before the first).
fly_release() {
  "$(fly_bin)" releases --app "$1" --image --json |
    jq -r 'first(.[] | "v\(.Version // .version) \(.ImageRef // .imageRef // "-")") // "none"'
}

# fly_healthy APP: every machine started and every check passing; prints the machines that are not.
fly_healthy() {
  local bad
  bad="$("$(fly_bin)" status --app "$1" --json |
    jq -r '(.Machines // .machines // [])
      | if length == 0 then "no machines" else .[] | select((.state // .State) != "started"
          or any((.checks // .Checks // [])[]; (.status // .Status) != "passing"))
        | "\(.id // .ID) \(.state // .State) checks: \([(.checks // .Checks // [])[] | "\(.name // .Name)=\(.status // .Status)"] | join(","))" end')"
  [[ -z "$bad" ]] || { printf '%s\n' "$bad"; return 1; }
}

# fly_wait_healthy APP: fly_healthy, retried every 5 s for up to DEPLOY_WAIT_SECONDS.
fly_wait_healthy() {
  local i last
  for ((i = 0; i < DEPLOY_WAIT_SECONDS / 5; i++)); do
    last="$(fly_healthy "$1")" && return 0
    sleep 5
  done
  last="$(fly_healthy "$1")" && return 0
  printf '%s\n' "$last" >&2
  return 1
}

# fly_volume_present APP VOLUME: the app has a volume of that name (fly.toml [mounts] needs it to exist).
fly_volume_present() {
  "$(fly_bin)" volumes list --app "$1" --json | jq -e --arg name "$2" 'any(.[]; (.name // .Name) == $name)' >/dev/null
}

# deploy_plan_app APP NAME VERSION COMMIT FLY: the dry-run lines of a set member other than aicq.
deploy_plan_app() {
  local volume fly_cmd
  volume="$(toml_value "$(fly_toml "$1")" source)"
  mapfile -t fly_cmd < <(fly_app_command "$@")
  step "$1 ($2)"
  [[ -z "$volume" ]] || printf '  volume: %s must exist (fly volumes create %s --app %s --region iad)\n' "$volume" "$volume" "$2"
  printf '  deploy: %s\n' "${fly_cmd[*]}"
  printf '  check:  %s status --app %s --json: every machine started, every check passing (up to %ss)\n' "$5" "$2" "$DEPLOY_WAIT_SECONDS"
  printf '  prints: the release before and after (%s releases --app %s --image --json)\n' "$5" "$2"
}

# deploy_app APP NAME VERSION COMMIT: deploys a set member other than aicq, checks it and says what changed.
deploy_app() {
  local volume fly_cmd before after fly
  fly="$(fly_bin)"
  volume="$(toml_value "$(fly_toml "$1")" source)"
  if [[ -n "$volume" ]] && ! fly_volume_present "$2" "$volume"; then
    die "$2 has no volume $volume; create it first: $fly volumes create $volume --app $2 --region iad (docs/runbook.md#fly-apps)"
  fi
  before="$(fly_release "$2")" || before="none"
  mapfile -t fly_cmd < <(fly_app_command "$1" "$2" "$3" "$4" "$fly")
  run_step "Deploying $1 ($2)" "${fly_cmd[@]}" ||
    die "the deploy of $2 failed; it still runs $before (see $fly status --app $2; back: $fly deploy ... --app $2 --image <image of $before>)"
  step "Checking $2: every machine started, every check passing"
  fly_wait_healthy "$2" || die "$2 is not healthy after ${DEPLOY_WAIT_SECONDS}s (above); before this deploy it ran $before: $fly releases --app $2 --image"
  after="$(fly_release "$2")" || after="unknown"
  if [[ "$before" == "$after" ]]; then ok "$2: unchanged, still $after"; else ok "$2: $before -> $after"; fi
}
