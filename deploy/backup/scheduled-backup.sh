#!/usr/bin/env bash
# Scheduled PostgreSQL backups with age-based retention, through `./aicq backup` (scripts/lib/backup.sh).
#   scheduled-backup.sh [--once] [--help]
# Reads BACKUP_DATABASE_URL (required), BACKUP_DIR (default /backups), BACKUP_MAX_AGE_DAYS (default 30)
# and BACKUP_INTERVAL_SECONDS (default 86400). Without --once it backs up, then sleeps the interval, for
# ever (the compose `backup` service); a failed backup is reported and retried at the next interval, so a
# database that is down for a while never makes the loop exit. With --once it backs up once and exits with
# its status (Fly's scheduled machine, `fly machine run --schedule daily`).
set -euo pipefail

aicq="${AICQ_LAUNCHER:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/aicq}"
usage() { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

once=false
case "${1:-}" in
  --once) once=true ;;
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

: "${BACKUP_DATABASE_URL:?set BACKUP_DATABASE_URL (postgres://user:password@host:port/db)}"
dir="${BACKUP_DIR:-/backups}"
max_age="${BACKUP_MAX_AGE_DAYS:-30}"
interval="${BACKUP_INTERVAL_SECONDS:-86400}"

backup_once() {
  echo "scheduled-backup: $(date -u +%FT%TZ) backing up into $dir (deleting backups older than $max_age days)"
  bash "$aicq" backup --database-url "$BACKUP_DATABASE_URL" --dir "$dir" --max-age-days "$max_age"
}

if $once; then backup_once; exit; fi
while true; do
  backup_once || echo "scheduled-backup: $(date -u +%FT%TZ) the backup FAILED; next attempt in ${interval}s" >&2
  sleep "$interval"
done
