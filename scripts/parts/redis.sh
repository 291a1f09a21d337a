# shellcheck shell=bash
# Redis: on 127.0.0.1 (not the system's port 6379), data in .aicq/redis with an append-only file
# fsynced every second, so messages survive a restart of the appliance.

# shellcheck disable=SC2034 # read by part_packages
redis_PACKAGES=(redis-server)
AICQ_REDIS_PORT="${AICQ_REDIS_PORT:-56379}"
REDIS_DIR="$AICQ_STATE/redis"
REDIS_PIDFILE="$AICQ_RUN/redis.pid"

redis_log() { printf '%s\n' "$AICQ_LOGS/redis.log"; }
redis_listens() { printf 'redis://127.0.0.1:%s\n' "$AICQ_REDIS_PORT"; }
redis_url() { redis_listens; }
redis_pid() { pidfile_pid "$REDIS_PIDFILE"; }

redis_health() {
  if [[ "$(redis-cli -h 127.0.0.1 -p "$AICQ_REDIS_PORT" ping 2>/dev/null)" == PONG ]]; then echo ok; else echo fail; return 1; fi
}

redis_start() {
  local pid
  if pid="$(redis_pid)"; then
    port_open "$AICQ_REDIS_PORT" || die "redis (pid $pid) runs but not on port $AICQ_REDIS_PORT; run ./aicq down first"
    ok "redis already running (pid $pid)"
    return 0
  fi
  require_port_free "$AICQ_REDIS_PORT" redis
  mkdir -p "$REDIS_DIR"
  step "Starting Redis on 127.0.0.1:$AICQ_REDIS_PORT"
  (cd "$REDIS_DIR" && exec redis-server --bind 127.0.0.1 --port "$AICQ_REDIS_PORT" --protected-mode yes \
    --dir "$REDIS_DIR" --appendonly yes --appendfsync everysec \
    --daemonize yes --pidfile "$REDIS_PIDFILE" --logfile "$(redis_log)") ||
    die "redis-server did not start; see $(relpath "$(redis_log)")"
  wait_until 20 redis redis_health || { tail -n 30 "$(redis_log)" >&2; die "Redis did not answer PING"; }
  ok "redis running (pid $(redis_pid))"
}

redis_stop() {
  local pid
  pid="$(redis_pid)" || return 0
  step "Stopping Redis (pid $pid)"
  stop_pid "$pid" redis 30
  rm -f "$REDIS_PIDFILE"
}
