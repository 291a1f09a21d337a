#!/bin/bash
# One Fly machine = one API + one edge (fly.toml). Both get the machine's environment; the few settings
# whose meaning differs per process are set here. When either process exits, the other is stopped and the
# machine exits with that status, so Fly restarts a whole, consistent pair. SIGTERM (fly.toml kill_signal)
# reaches both at once: each drains its in-flight requests within SHUTDOWN_TIMEOUT_SECONDS, inside
# fly.toml's kill_timeout.
set -uo pipefail

api_port="${PORT:?PORT must be set (fly.toml [env])}"
app_dir="${AICQ_APP_DIR:-/app}" # where the image put the published services

# Two .NET processes share 512 MB: cap each heap so that neither can starve the other (API 200 MB,
# edge 128 MB, the rest for native memory and the page cache). Workstation GC: the machine has one CPU.
export DOTNET_gcServer=0

# The API trusts X-Forwarded-For only from the edge next to it, on loopback.
DOTNET_GCHeapHardLimit=0xC800000 TRUSTED_PROXIES=127.0.0.1/32,::1/128 \
  dotnet "$app_dir/api/Aicq.Api.dll" &
api=$!

# The edge trusts Fly's proxy (EDGE_TRUSTED_PROXIES) for Fly-Client-IP and X-Forwarded-Proto, and sends
# everything to the API on this machine.
DOTNET_GCHeapHardLimit=0x8000000 TRUSTED_PROXIES="${EDGE_TRUSTED_PROXIES:-}" EDGE_UPSTREAMS="http://127.0.0.1:$api_port" \
  "$app_dir/edge/Aicq.Edge" &
edge=$!

trap 'kill -TERM "$api" "$edge" 2>/dev/null' TERM INT
wait -n "$api" "$edge"
status=$?
kill -TERM "$api" "$edge" 2>/dev/null
wait "$api" "$edge"
exit "$status"
