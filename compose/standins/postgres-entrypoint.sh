#!/bin/bash
# The part of the postgres image's docker-entrypoint.sh that compose relies on: on an empty PGDATA, initdb with
# POSTGRES_USER/POSTGRES_PASSWORD (scram-sha-256 for every TCP client), create POSTGRES_DB, listen on every
# address; as root, drop to postgres first. /docker-entrypoint-initdb.d is not supported.
set -euo pipefail
if [[ "${1:-}" != postgres ]]; then exec "$@"; fi
if ((EUID == 0)); then
  chown postgres:postgres "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
: "${POSTGRES_PASSWORD:?the postgres image refuses to initialise without POSTGRES_PASSWORD}"
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 -D "$PGDATA" >/dev/null
  rm -f "$pwfile"
  printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  printf "listen_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
  if [[ "$database" != postgres ]]; then
    echo "CREATE DATABASE \"$database\"" | postgres --single -D "$PGDATA" postgres >/dev/null
  fi
fi
exec "$@"
