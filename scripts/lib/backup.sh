# shellcheck shell=bash
# `./aicq backup` and `./aicq restore`: PostgreSQL custom-format dumps of the appliance database (agents,
# rooms, the status page's history; messages live in Redis and expire anyway) under .aicq/backups, with
# retention. Both take --database-url to work on any server (staging, a restore drill, the tests).

BACKUP_DIR="$AICQ_STATE/backups"

# pg_tool NAME: the newest installed PostgreSQL client tool (pg_dump must not be older than the server).
pg_tool() {
  local bin
  bin="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path "*/bin/$1" 2>/dev/null | sort -V | tail -n 1)"
  if [[ -x "$bin" ]]; then printf '%s\n' "$bin"; else command -v "$1" || die "$1 not found (apt-get install postgresql-client)"; fi
}

# url_decode TEXT: percent-decoding, for user names and passwords inside a URL.
url_decode() { printf '%b' "${1//%/\\x}"; }

# pg_connect URL: exports libpq's PG* variables from a postgres:// URL, so no password appears in `ps`.
pg_connect() {
  local url="$1" pattern='^postgres(ql)?://([^:@/]+)(:([^@]*))?@([^:/?]+)(:([0-9]+))?/([^?]+)(\?(.*))?$' param
  [[ "$url" =~ $pattern ]] || die "not a postgres:// URL: postgres://user:password@host:port/database?sslmode=..."
  export PGUSER PGPASSWORD PGHOST PGPORT PGDATABASE PGSSLMODE PGCONNECT_TIMEOUT=10
  PGUSER="$(url_decode "${BASH_REMATCH[2]}")"
  PGPASSWORD="$(url_decode "${BASH_REMATCH[4]}")"
  PGHOST="${BASH_REMATCH[5]}"
  PGPORT="${BASH_REMATCH[7]:-5432}"
  PGDATABASE="$(url_decode "${BASH_REMATCH[8]}")"
  PGSSLMODE=prefer
  for param in ${BASH_REMATCH[10]//&/ }; do
    [[ "$param" == sslmode=* ]] && PGSSLMODE="${param#sslmode=}"
  done
  return 0
}

# backup_database_url URL-OR-EMPTY: the given URL, else the running appliance's database.
backup_database_url() {
  if [[ -n "$1" ]]; then printf '%s\n' "$1"; return 0; fi
  postgres_pid >/dev/null || die "the appliance's PostgreSQL is not running (./aicq up), or name a server with --database-url"
  postgres_url
}

cmd_backup() {
  local keep="" max_age="" url="" dir="$BACKUP_DIR" file partial
  while (($# > 0)); do
    case "$1" in
      --keep) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || die "--keep needs a number of backups (1 or more)"; keep="$2"; shift ;;
      --max-age-days) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || die "--max-age-days needs a number of days (1 or more)"; max_age="$2"; shift ;;
      --database-url) (($# >= 2)) || die "--database-url needs a URL"; url="$2"; shift ;;
      --dir) (($# >= 2)) || die "--dir needs a folder"; dir="$2"; shift ;;
      *) die "unknown option $1 (see ./aicq backup --help)" ;;
    esac
    shift
  done
  pg_connect "$(backup_database_url "$url")"
  mkdir -p "$dir"
  chmod 700 "$dir"
  # Names sort by time (retention relies on it); a second backup within the same second waits for the next.
  file="$dir/aicq-$(date -u +%Y%m%dT%H%M%SZ).dump"
  while [[ -e "$file" ]]; do sleep 1 && file="$dir/aicq-$(date -u +%Y%m%dT%H%M%SZ).dump"; done
  partial="$file.partial"
  step "Backing up $PGDATABASE on $PGHOST:$PGPORT"
  # Written aside and renamed when complete and readable: a half-written dump is never taken for a backup.
  (umask 077 && "$(pg_tool pg_dump)" --format=custom --compress=6 --no-password --file="$partial") ||
    { rm -f "$partial"; die "pg_dump failed"; }
  "$(pg_tool pg_restore)" --list "$partial" >/dev/null || { rm -f "$partial"; die "the dump is not a readable archive"; }
  mv "$partial" "$file"
  ok "wrote $(relpath "$file") ($(du -h "$file" | cut -f1))"
  # Age-based retention when asked (the scheduled backups: 30 days); else, or also with --keep, by count.
  [[ -n "$max_age" ]] && backup_prune_older "$dir" "$max_age" "$file"
  [[ -n "$keep" || -z "$max_age" ]] && backup_prune "$dir" "${keep:-14}"
  return 0
}

# backup_prune_older DIR DAYS NEWEST: removes backups last modified more than DAYS days ago (by mtime, so a
# copied-in or restored-from-elsewhere file ages from when it was written), never NEWEST, nothing else.
backup_prune_older() {
  local old
  while IFS= read -r old; do
    [[ "$old" == "$3" ]] && continue
    rm -f "$old"
    note "removed $(relpath "$old") (older than $2 days)"
  done < <(find "$1" -maxdepth 1 -type f -name 'aicq-*.dump' -mmin +$(($2 * 1440)))
}

# backup_newest DIR: the newest complete backup in DIR (names sort by time), or nothing.
backup_newest() { find "$1" -maxdepth 1 -type f -name 'aicq-*.dump' | sort | tail -n 1; }

# backup_prune DIR KEEP: removes all but the newest KEEP backups (names sort by time).
backup_prune() {
  local old
  while IFS= read -r old; do
    rm -f "$old"
    note "removed $(relpath "$old") (keeping the newest $2)"
  done < <(find "$1" -maxdepth 1 -name 'aicq-*.dump' | sort -r | tail -n +"$(($2 + 1))")
}

cmd_restore() {
  local file="" url="" yes=false answer tables latest=false dir="$BACKUP_DIR"
  while (($# > 0)); do
    case "$1" in
      --yes | -y) yes=true ;;
      --latest) latest=true ;;
      --dir) (($# >= 2)) || die "--dir needs a folder"; dir="$2"; shift ;;
      --database-url) (($# >= 2)) || die "--database-url needs a URL"; url="$2"; shift ;;
      -*) die "unknown option $1 (see ./aicq restore --help)" ;;
      *) [[ -z "$file" ]] || die "one backup file at most"; file="$1" ;;
    esac
    shift
  done
  if $latest; then
    [[ -z "$file" ]] || die "either FILE or --latest, not both"
    file="$(backup_newest "$dir")"
    [[ -n "$file" ]] || die "no backup (aicq-*.dump) in $dir"
    note "newest backup: $(relpath "$file")"
  fi
  [[ -n "$file" ]] || die "which backup? ./aicq restore FILE, or --latest (backups are in $(relpath "$BACKUP_DIR"))"
  [[ -r "$file" ]] || die "no readable backup at $file"
  tables="$("$(pg_tool pg_restore)" --list "$file" 2>/dev/null | grep -c ' TABLE DATA ')" || die "$file is not a pg_dump custom-format archive"
  pg_connect "$(backup_database_url "$url")"
  if ! $yes; then
    [[ -t 0 ]] || die "restore replaces every table in $PGDATABASE; confirm with --yes when not at a terminal"
    read -r -p "Replace the data of database '$PGDATABASE' on $PGHOST:$PGPORT with $(basename "$file")? Type the database name: " answer
    [[ "$answer" == "$PGDATABASE" ]] || die "not confirmed; nothing changed"
  fi
  step "Restoring $(basename "$file") into $PGDATABASE on $PGHOST:$PGPORT"
  # One transaction: a failure leaves the database as it was, never half restored.
  "$(pg_tool pg_restore)" --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
    --no-password --dbname="$PGDATABASE" "$file" || die "pg_restore failed; the database is unchanged"
  # What docs/runbook.md#restore says, and BackupRestoreTests holds: the running API serves the restored rows.
  ok "restored $tables tables; the API serves them at once, without a restart (restart the status page only if its history looks wrong); then follow docs/runbook.md#verify"
}

usage_backup() {
  cat <<EOF_USAGE
Usage: ./aicq backup [--keep N | --max-age-days D] [--database-url URL] [--dir DIR]

Dumps the appliance's PostgreSQL database (pg_dump custom format) to .aicq/backups/aicq-<UTC time>.dump,
checks the archive reads back, then applies retention: by default keeps the newest 14 backups.
  --keep N             keep the newest N backups instead
  --max-age-days D     delete backups last modified more than D days ago instead (the scheduled backups
                       use 30); never the one just written; with --keep as well, both apply
  --database-url URL   back up another server's database (postgres://user:password@host:port/db)
  --dir DIR            where backups go (default .aicq/backups)
EOF_USAGE
}

usage_restore() {
  cat <<EOF_USAGE
Usage: ./aicq restore FILE|--latest [--dir DIR] [--yes] [--database-url URL]

Replaces every table of the appliance's database with the backup FILE (pg_restore --clean --if-exists,
in one transaction: on error nothing changes). Asks for the database name as confirmation unless --yes.
  --latest             the newest backup in DIR (default .aicq/backups; names sort by time)
  --database-url URL   restore into another server's database
EOF_USAGE
}
