# shellcheck shell=bash
# Redis: on 127.0.0.1 only (not the system's port 6379), data in .aicq/redis with an append-only file
# fsynced every second, so messages survive a restart of the appliance. It asks for the generated password
# in .aicq/secrets/redis-password (any local user could otherwise read private-room messages and rewrite the
# limiter and block state) and is capped at AICQ_REDIS_MAXMEMORY with noeviction, as in compose: the API
# stops taking messages and DMs near the cap, so nonces and limiter state never meet a full Redis. The
# password is only in files of mode 0600 (the config Redis reads, the secret), never on a command line.

# shellcheck disable=SC2034 # read by part_packages
redis_PACKAGES=(redis-server)
AICQ_REDIS_PORT="${AICQ_REDIS_PORT:-56379}"
AICQ_REDIS_MAXMEMORY="${AICQ_REDIS_MAXMEMORY:-256mb}"
REDIS_DIR="$AICQ_STATE/redis"
REDIS_CONF="$REDIS_DIR/redis.conf"
REDIS_PIDFILE="$AICQ_RUN/redis.pid"
REDIS_PASSWORD_FILE="$AICQ_SECRETS/redis-password"

redis_log() { printf '%s\n' "$AICQ_LOGS/redis.log"; }
redis_listens() { printf 'redis://127.0.0.1:%s (password in %s)\n' "$AICQ_REDIS_PORT" "$(relpath "$REDIS_PASSWORD_FILE")"; }
redis_pid() { pidfile_pid "$REDIS_PIDFILE"; }

redis_password() {
  if [[ ! -s "$REDIS_PASSWORD_FILE" ]]; then
    (umask 077 && random_secret >"$REDIS_PASSWORD_FILE")
  fi
  cat "$REDIS_PASSWORD_FILE"
}

# The REDIS_URL the API and the edge use (a hex password needs no escaping).
redis_url() { printf 'redis://:%s@127.0.0.1:%s\n' "$(redis_password)" "$AICQ_REDIS_PORT"; }

# redis_cli ARGS...: redis-cli authenticated through REDISCLI_AUTH, so the password is on no command line.
redis_cli() { REDISCLI_AUTH="$(redis_password)" redis-cli --no-auth-warning -h 127.0.0.1 -p "$AICQ_REDIS_PORT" "$@"; }

redis_health() {
  if [[ "$(redis_cli ping 2>/dev/null)" == PONG ]]; then echo ok; else echo fail; return 1; fi
}

# The configuration Redis starts from, written (mode 0600: it holds the password) on every start.
redis_render_config() {
  (umask 077 && cat >"$REDIS_CONF" <<CONF
bind 127.0.0.1
port $AICQ_REDIS_PORT
protected-mode yes
requirepass $(redis_password)
maxmemory $AICQ_REDIS_MAXMEMORY
maxmemory-policy noeviction
dir $REDIS_DIR
appendonly yes
appendfsync everysec
daemonize yes
pidfile $REDIS_PIDFILE
logfile $(redis_log)
CONF
  )
}

redis_start() {
  local pid
  if pid="$(redis_pid)"; then
    port_open "$AICQ_REDIS_PORT" || die "redis (pid $pid) runs but not on port $AICQ_REDIS_PORT; run ./aicq down first"
    redis_health >/dev/null || die "redis (pid $pid) does not accept the password in $(relpath "$REDIS_PASSWORD_FILE"); run ./aicq down first"
    ok "redis already running (pid $pid)"
    return 0
  fi
  require_port_free "$AICQ_REDIS_PORT" redis
  mkdir -p "$REDIS_DIR"
  redis_render_config
  step "Starting Redis on 127.0.0.1:$AICQ_REDIS_PORT (maxmemory $AICQ_REDIS_MAXMEMORY, noeviction)"
  (cd "$REDIS_DIR" && exec redis-server "$REDIS_CONF") || die "redis-server did not start; see $(relpath "$(redis_log)")"
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
