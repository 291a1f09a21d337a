# shellcheck shell=bash
# Processes, pidfiles, ports and waiting: the bits every part needs to start and stop cleanly.

# pid_alive PID: true when the process exists.
pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# pidfile_pid FILE: prints the pid on the file's first line when that process is alive.
pidfile_pid() {
  local pid
  [[ -r "$1" ]] || return 1
  read -r pid <"$1" || true
  [[ "$pid" =~ ^[0-9]+$ ]] && pid_alive "$pid" && printf '%s\n' "$pid"
}

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# require_port_free PORT PART: stops with a clear message when a foreign process holds the port.
require_port_free() {
  port_open "$1" || return 0
  die "port 127.0.0.1:$1 (for $2) is taken by another process; free it or set the port variable (see ./aicq up --help)"
}

# http_status URL: the HTTP status code, or 000 when nothing answers.
http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true; }

# stop_pid PID NAME [SECONDS]: SIGTERM, wait up to SECONDS (default 30) for a clean exit, then SIGKILL.
stop_pid() {
  local pid="$1" name="$2" seconds="${3:-30}" i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < seconds * 10; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.1
  done
  warn "$name (pid $pid) did not stop within ${seconds}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

# wait_until SECONDS WHAT COMMAND...: runs COMMAND every half second until it succeeds, printing
# a dot per second; false after SECONDS, or at once when COMMAND returns 2 (it will never succeed).
wait_until() {
  local seconds="$1" what="$2" i rc
  shift 2
  printf '  waiting for %s ' "$what"
  for ((i = 0; i < seconds * 2; i++)); do
    rc=0
    "$@" >/dev/null 2>&1 || rc=$?
    if ((rc == 0)); then
      printf ' %sready%s\n' "$UI_GREEN" "$UI_RESET"
      return 0
    fi
    if ((rc == 2)); then
      printf ' %sgave up: the process exited%s\n' "$UI_RED" "$UI_RESET"
      return 1
    fi
    ((i % 2 == 1)) && printf '.'
    sleep 0.5
  done
  printf ' %stimed out after %ss%s\n' "$UI_RED" "$seconds" "$UI_RESET"
  return 1
}

# as_service_user USER COMMAND...: runs COMMAND as USER when we are root (servers such as PostgreSQL
# refuse to run as root), else as ourselves.
as_service_user() {
  local user="$1"
  shift
  if ((EUID == 0)); then runuser -u "$user" -- "$@"; else "$@"; fi
}

# make_traversable DIR: gives every ancestor of DIR the search bit for others (never read), so a
# service user can reach its data inside a clone under, say, /root.
make_traversable() {
  local dir
  dir="$(cd "$1" && pwd)"
  while [[ "$dir" != / ]]; do
    (($(stat -c '8#%a' "$dir") & 1)) || chmod o+x "$dir"
    dir="$(dirname "$dir")"
  done
}

# random_secret: 32 hex characters from the kernel's random source (no openssl needed).
random_secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

# kill_pidfiles DIR: kills every process named by a *.pid file under DIR (the convention test servers
# follow), PostgreSQL's postmaster with SIGQUIT (immediate shutdown) and the rest with SIGKILL. Pids
# are reused, so only a process that still is a server or service of ours is touched (Debian names
# Prometheus, Alertmanager and every exporter prometheus*).
kill_pidfiles() {
  local file pid
  [[ -d "$1" ]] || return 0
  while IFS= read -r -d '' file; do
    pid="$(pidfile_pid "$file")" || continue
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qE 'postgres|redis-server|dotnet|prometheus' || continue
    if [[ "$(basename "$file")" == postmaster.pid ]]; then kill -QUIT "$pid" 2>/dev/null || true; else kill -KILL "$pid" 2>/dev/null || true; fi
  done < <(find "$1" -name '*.pid' -print0 2>/dev/null)
}
