# shellcheck shell=bash
# Building, starting and stopping the appliance's own .NET services (API instances, edge, status page)
# the same way: Release build, environment in .aicq/secrets/<name>.env, restart only when the build or
# the environment changed, wait for readiness, SIGTERM with a grace period longer than the drain.
# Each process writes its own log (LOG_FILE: whole JSON lines, rotated by size by the service itself);
# what it prints outside its logger (an invalid setting, a crash) goes to <name>.console.log.

# dotnet_build LABEL PROJECT_DIR DLL LOG: builds PROJECT_DIR in Release or stops with its errors. Skipped
# when its inputs are those of the last build made here and the DLL is the one that build made: a second
# `./aicq up` must not spend seconds per service asking MSBuild what it already knows.
dotnet_build() {
  local label="$1" project="$2" dll="$3" log="$4"
  dotnet_cached "$label" "$project" "$dll" "$log" "Building $label (Release)" \
    dotnet build "$AICQ_ROOT/$project" -c Release --nologo
}

# dotnet_publish_native LABEL PROJECT_DIR BINARY LOG: publishes PROJECT_DIR as Native AOT into BINARY's folder,
# cached like dotnet_build (the publish takes minutes; it runs again only when a source it reads changed).
# Needs clang and zlib1g-dev (the part's packages).
dotnet_publish_native() {
  local label="$1" project="$2" binary="$3" log="$4" rid
  case "$(uname -m)" in
    aarch64 | arm64) rid=linux-arm64 ;;
    *) rid=linux-x64 ;;
  esac
  dotnet_cached "$label" "$project" "$binary" "$log" "Publishing $label as Native AOT ($rid; a few minutes when its sources changed)" \
    dotnet publish "$AICQ_ROOT/$project" -c Release -r "$rid" -o "$(dirname "$binary")" --nologo
  # The tests run this binary only when it is not older than the edge's DLL (else it may predate a change): a build
  # that found nothing to do leaves the binary as current as the sources it was made from.
  touch "$binary"
}

# dotnet_cached LABEL PROJECT_DIR OUTPUT LOG STEP COMMAND...: runs COMMAND unless PROJECT_DIR's inputs and OUTPUT
# are those the last run here left (.aicq/build/<project>.stamp); stops with the command's errors when it fails.
dotnet_cached() {
  local label="$1" project="$2" output="$3" log="$4" step_text="$5" stampfile inputs
  shift 5
  stampfile="$AICQ_STATE/build/$(basename "$project").stamp"
  inputs="$(dotnet_build_inputs "$project")"
  if [[ -f "$output" && "$(cat "$stampfile" 2>/dev/null)" == "$inputs $(sha256sum <"$output" | cut -d' ' -f1)" ]]; then
    ok "$label is up to date (nothing it is built from changed)"
    return 0
  fi
  step "$step_text"
  if ! "$@" >"$log" 2>&1; then
    grep -E ': (error|warning) ' "$log" | sort -u | tail -n 30 >&2 || tail -n 30 "$log" >&2
    die "$label did not build; full output in $(relpath "$log")"
  fi
  mkdir -p "$(dirname "$stampfile")"
  echo "$inputs $(sha256sum <"$output" | cut -d' ' -f1)" >"$stampfile"
  ok "built $(relpath "$output")"
}

# dotnet_build_inputs PROJECT_DIR: one hash of everything a build of PROJECT_DIR reads that can change here:
# every file of the project and of the projects it references (not bin/ and obj/), the solution-wide build
# files, the commit (the SDK stamps it into the version /health reports) and the version variables.
dotnet_build_inputs() {
  local dirs
  mapfile -t dirs < <(dotnet_project_dirs "$AICQ_ROOT/$1")
  {
    find "${dirs[@]}" \( -name bin -o -name obj \) -prune -o -type f -print0 | sort -z | xargs -0 sha256sum
    find "$AICQ_ROOT" -maxdepth 1 \( -name 'Directory.*.props' -o -name 'Directory.*.targets' -o -name global.json \
      -o -name .editorconfig -o -iname nuget.config \) -type f -print0 | sort -z | xargs -0 -r sha256sum
    git -C "$AICQ_ROOT" rev-parse HEAD 2>/dev/null || true
    printf '%s\n' "${AICQ_VERSION:-}" "${AICQ_COMMIT:-}"
  } | sha256sum | cut -d' ' -f1
}

# dotnet_project_dirs DIR: DIR and the folder of every project it references, directly or through others.
dotnet_project_dirs() {
  local queue=("$1") seen=" " dir ref
  while ((${#queue[@]} > 0)); do
    dir="$(cd "${queue[0]}" && pwd)"
    queue=("${queue[@]:1}")
    [[ "$seen" == *" $dir "* ]] && continue
    seen+="$dir "
    printf '%s\n' "$dir"
    while IFS= read -r ref; do
      ref="${ref//\\//}"
      queue+=("$dir/$(dirname "$ref")")
    done < <(sed -n 's/.*<ProjectReference Include="\([^"]*\)".*/\1/p' "$dir"/*.csproj)
  done
}

# dotnet_service_console_log NAME: where the process's own stdout and stderr go.
dotnet_service_console_log() { printf '%s/%s.console.log\n' "$AICQ_LOGS" "$1"; }

# dotnet_service_start NAME PROGRAM LOG READY_URL PORT... <ENVIRONMENT
#   Starts `dotnet PROGRAM` (a DLL) or PROGRAM itself (a native binary) with the NAME=VALUE lines read from
#   stdin (plus its LOG_FILE settings), unless it already runs this build with this environment; the first
#   PORT is the one that proves it runs, every PORT must be free to start.
dotnet_service_start() {
  local name="$1" dll="$2" log="$3" ready_url="$4"
  shift 4
  local pidfile="$AICQ_RUN/$name.pid" stampfile="$AICQ_RUN/$name.build" env_file="$AICQ_SECRETS/$name.env"
  local environment stamp pid port console run=(dotnet "$dll")
  [[ "$dll" == *.dll ]] || run=("$dll")
  console="$(dotnet_service_console_log "$name")"
  environment="$(cat)"
  environment+=$'\n'"LOG_FILE=$log"$'\n'"LOG_FILE_MAX_KB=$AICQ_LOG_MAX_KB"$'\n'"LOG_FILE_COUNT=$AICQ_LOG_FILES"
  stamp="$({ sha256sum "$dll" && printf '%s\n' "$environment"; } | sha256sum | cut -d' ' -f1)"
  if pid="$(pidfile_pid "$pidfile")"; then
    if [[ "$(cat "$stampfile" 2>/dev/null)" == "$stamp" ]] && port_open "$1"; then
      ok "$name already running the current build (pid $pid)"
      return 0
    fi
    note "the build or settings changed since $name started: restarting it"
    dotnet_service_stop "$name"
  fi
  for port in "$@"; do require_port_free "$port" "$name"; done
  (umask 077 && printf '%s\n' "$environment" >"$env_file")
  step "Starting $name on 127.0.0.1:$1"
  local lines
  mapfile -t lines <"$env_file"
  # setsid: a Ctrl-C in this terminal must not reach the service; exec: $! is the service's own pid.
  (cd "$AICQ_ROOT" && exec env "${lines[@]}" setsid "${run[@]}" </dev/null >>"$console" 2>&1) &
  echo "$!" >"$pidfile"
  disown "$!" # the service outlives this script; bash must not report on it
  echo "$stamp" >"$stampfile"
  if ! wait_until 60 "$ready_url" dotnet_service_ready_or_dead "$pidfile" "$ready_url"; then
    local file
    for file in "$console" "$log"; do
      [[ -s "$file" ]] || continue
      printf '%s--- last 30 lines of %s ---%s\n' "$UI_DIM" "$(relpath "$file")" "$UI_RESET" >&2
      tail -n 30 "$file" >&2
    done
    dotnet_service_stop "$name" >/dev/null
    die "$name did not become ready"
  fi
}

# Ends the wait early (status 2) when the process has died.
dotnet_service_ready_or_dead() {
  pidfile_pid "$1" >/dev/null || return 2
  [[ "$(http_status "$2")" == 200 ]]
}

# dotnet_service_pid NAME: its pid while it runs.
dotnet_service_pid() { pidfile_pid "$AICQ_RUN/$1.pid"; }

# dotnet_service_health READY_URL: "ok", or why not.
dotnet_service_health() {
  local status
  status="$(http_status "$1")"
  if [[ "$status" == 200 ]]; then echo ok; else echo "fail (ready: $status)"; return 1; fi
}

dotnet_service_stop() {
  local pid
  pid="$(dotnet_service_pid "$1")" || return 0
  step "Stopping $1 (pid $pid)"
  # Longer than the services' own 25 s drain, so a clean shutdown is never cut short.
  stop_pid "$pid" "$1" 35
  rm -f "$AICQ_RUN/$1.pid" "$AICQ_RUN/$1.build"
}
