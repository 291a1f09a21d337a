# shellcheck shell=bash
# `./aicq test`: builds the solution in Release, runs every test project against throwaway servers the
# tests start themselves (under a fresh .aicq/test/run-<pid>, never the data of `./aicq up`), cleans
# them up even on Ctrl-C or a CI timeout, and ends with the one line CI reads: `tests: N passed, N failed`
# (also written to .aicq/test-results/summary.txt).

TEST_CONFIGURATION=Release # Aicq.Testing finds service DLLs under bin/<the tests' configuration>/
TEST_RESULTS="$AICQ_STATE/test-results"
TEST_RUNNER_PID=

# The reliability suites (issue 7) by flag: each runs alone, in its full form, and updates docs/reliability.md.
declare -A TEST_SUITES=(
  [--faults]=Aicq.Reliability.Tests.Faults
  [--fuzz]=Aicq.Reliability.Tests.Fuzzing
  [--abuse]=Aicq.Reliability.Tests.Abuse
  [--load]=Aicq.Reliability.Tests.Load
  [--bad-input]=Aicq.Edge.Tests.BadInput
)

cmd_test() {
  local test_args=() status=0 suites=() flag
  while (($# > 0)); do
    case "$1" in
      --filter) (($# >= 2)) || die "--filter needs an expression"; test_args+=(--filter "$2"); shift ;;
      --faults | --fuzz | --abuse | --load | --bad-input) suites+=("FullyQualifiedName~${TEST_SUITES[$1]}") ;;
      --reliability) for flag in "${!TEST_SUITES[@]}"; do suites+=("FullyQualifiedName~${TEST_SUITES[$flag]}"); done ;;
      *) test_args+=("$1") ;;
    esac
    shift
  done
  if ((${#suites[@]} > 0)); then
    local IFS='|'
    test_args+=(--filter "${suites[*]}")
    unset IFS
    export AICQ_RELIABILITY=full AICQ_RELIABILITY_DOC="$AICQ_ROOT/docs/reliability.md"
    note "full reliability suites; results go to docs/reliability.md"
  else
    export AICQ_RELIABILITY="${AICQ_RELIABILITY:-bounded}"
    export AICQ_RELIABILITY_DOC="${AICQ_RELIABILITY_DOC:-$TEST_RESULTS/reliability.md}"
  fi
  mkdir -p "$AICQ_LOGS"
  # shellcheck disable=SC2046 # one package name per line
  ensure_packages $(part_packages "${PARTS[@]}") "${TEST_PACKAGES[@]}"
  test_sweep_stale_runs
  export AICQ_TEST_STATE_DIR="$AICQ_STATE/test/run-$$"
  mkdir -p "$AICQ_TEST_STATE_DIR"
  rm -rf "$TEST_RESULTS"
  mkdir -p "$TEST_RESULTS"
  # Whatever way this ends, the servers go and the summary line is printed.
  trap 'test_finish 1' EXIT
  trap 'test_interrupted 130' INT
  trap 'test_interrupted 143' TERM
  if ! test_build; then
    status=1
  elif ((${#suites[@]} > 0)) || [[ " ${test_args[*]} " == *" --filter "* ]]; then
    test_run "$AICQ_ROOT/Aicq.slnx" "${test_args[@]}" || status=$?
  else
    # The reliability suites measure latencies and recovery times: they run after everything else, on a quiet machine.
    test_run "$AICQ_ROOT/Aicq.slnx" --filter "FullyQualifiedName!~Aicq.Reliability.Tests" "${test_args[@]}" || status=$?
    if ((status != 130 && status != 143)); then
      step "Running the reliability suites, bounded (results in $(relpath "$AICQ_RELIABILITY_DOC"))"
      test_run "$AICQ_ROOT/tests/Aicq.Reliability.Tests" "${test_args[@]}" || status=$?
    fi
  fi
  test_finish "$status"
}

test_build() {
  local log="$AICQ_LOGS/test-build.log"
  step "Building the solution ($TEST_CONFIGURATION)"
  if dotnet build "$AICQ_ROOT/Aicq.slnx" -c "$TEST_CONFIGURATION" --nologo >"$log" 2>&1; then
    ok "built"
    # The edge's tests run the Native AOT binary production runs (cached: published again only when its sources changed).
    edge_build
    return 0
  fi
  grep -E ': (error|warning) ' "$log" | sort -u | tail -n 40 || tail -n 40 "$log"
  printf '%serror:%s the solution did not build; full output in %s\n' "$UI_RED" "$UI_RESET" "$(relpath "$log")"
  return 1
}

# Runs in its own process group (setsid) so that an interruption can stop it with every test host it
# started; `wait` (unlike a foreground command) lets the INT/TERM traps run at once.
# test_run TARGET [dotnet test options]: one `dotnet test` of a solution or project, in the background.
test_run() {
  local target="$1"
  shift
  step "Running the tests of $(relpath "$target") (results in $(relpath "$TEST_RESULTS"))"
  # The test platform kills a test host that takes over 100 ms to exit; give the hosts' own cleanup time.
  # TRX files keep their default names: that is the path on which the logger reserves a unique file
  # when test projects finish in the same second.
  # A background job of a script starts with SIGINT ignored, and every process below would inherit that:
  # env --default-signal gives the tests (which send SIGINT to services) the signal back.
  # -m:1: one test project at a time. Run side by side, one project's builds and load starved another's timed
  # promises (a CI run saw the fire drill's Watchdog go quiet for 20 s while the Ops tests built and published).
  VSTEST_TESTHOST_SHUTDOWN_TIMEOUT=10000 setsid env --default-signal=INT dotnet test "$target" -c "$TEST_CONFIGURATION" \
    --no-build -m:1 --logger trx --results-directory "$TEST_RESULTS" "$@" &
  TEST_RUNNER_PID=$!
  wait "$TEST_RUNNER_PID"
}

# test_finish STATUS: stops the runner if still going, removes the test servers, prints the summary.
test_finish() {
  trap - EXIT INT TERM
  if pid_alive "$TEST_RUNNER_PID"; then
    kill -TERM -- "-$TEST_RUNNER_PID" 2>/dev/null || true
    sleep 2
    kill -KILL -- "-$TEST_RUNNER_PID" 2>/dev/null || true
  fi
  test_cleanup
  test_summary "$1"
}

test_interrupted() {
  printf '\n%sinterrupted%s\n' "$UI_YELLOW" "$UI_RESET"
  test_finish 1 || true
  exit "$1"
}

# Kills whatever the tests left running (by their pidfiles) and removes their state.
test_cleanup() {
  [[ -n "${AICQ_TEST_STATE_DIR:-}" && -d "$AICQ_TEST_STATE_DIR" ]] || return 0
  test_stop_engines "$AICQ_TEST_STATE_DIR"
  kill_pidfiles "$AICQ_TEST_STATE_DIR"
  rm -rf "$AICQ_TEST_STATE_DIR" 2>/dev/null || { sleep 1 && rm -rf "$AICQ_TEST_STATE_DIR"; } || true
}

# A Docker engine of the compose staging test (compose/standins/engine.sh) that a killed test host left running
# goes with its containers, mounts and bridges. Shallow: never into an engine's data root.
test_stop_engines() {
  local pidfile
  while IFS= read -r -d '' pidfile; do
    bash "$AICQ_ROOT/compose/standins/engine.sh" stop "$(dirname "$pidfile")" >/dev/null 2>&1 || true
  done < <(find "$1" -maxdepth 4 -name dockerd.pid -print0 2>/dev/null)
}

# Runs of `./aicq test` that were killed outright (no trap ran) leave run-<pid> folders behind.
test_sweep_stale_runs() {
  local run
  for run in "$AICQ_STATE"/test/run-*; do
    [[ -d "$run" ]] || continue
    pid_alive "${run##*/run-}" && continue
    test_stop_engines "$run"
    kill_pidfiles "$run"
    rm -rf "$run" || true
  done
}

# test_summary STATUS: totals of every TRX file; a failed build, or a run that failed without a failing
# result (a crashed test host, an interruption), counts as one failure. Skipped tests count as neither.
test_summary() {
  local status="$1" passed=0 failed=0 file counters value line
  for file in "$TEST_RESULTS"/*.trx; do
    [[ -f "$file" ]] || continue
    counters="$(grep -o '<Counters [^>]*>' "$file" | head -n 1)" || continue
    passed=$((passed + $(trx_counter "$counters" passed)))
    for value in failed error timeout aborted; do
      failed=$((failed + $(trx_counter "$counters" "$value")))
    done
  done
  if ((status != 0 && failed == 0)); then failed=1; fi
  line="tests: $passed passed, $failed failed"
  mkdir -p "$TEST_RESULTS"
  echo "$line" >"$TEST_RESULTS/summary.txt"
  echo "$line"
  ((status == 0 && failed == 0))
}

# trx_counter COUNTERS NAME: one attribute of a TRX <Counters .../> element, 0 when absent.
trx_counter() {
  local value
  value="$(sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p" <<<"$1")"
  printf '%s\n' "${value:-0}"
}
