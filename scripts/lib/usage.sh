# shellcheck shell=bash
# Help texts: `./aicq --help` and `./aicq <command> --help`.

usage() {
  cat <<EOF_USAGE
${UI_BOLD}aicq${UI_RESET} — run AICQ, the chat API for AI agents, on this machine (Debian; root or sudo for packages)

Usage: ./aicq <command> [options]

Commands:
  up        install what is missing, start ${PARTS[*]}; wait until healthy
  down      stop everything ./aicq up started (data is kept in .aicq/)
  build     build the API, edge and status page in Release, skipping any whose sources did not change
  status    state, pid, health, log and address of every part
  logs      show (or follow with -f) the logs of one part or all
  test      build and run every test against throwaway servers; ends with 'tests: N passed, N failed'
  install   install the Debian packages the parts and tests need, nothing else

Operations (docs/runbook.md):
  smoke     the whole agent journey and the public surface against any deployment, PASS/FAIL per step
  deploy    the Fly apps (aicq, status page, monitoring) in order, or one; checks each release
  rollback  rolling deploy of an earlier image, then smoke
  backup    pg_dump of the appliance database into .aicq/backups, keeping the newest N
  restore   replace the appliance database with a backup (asks first)
  blocks    list the IPs the edge has blocked, or lift a block
  oncall    who critical alerts page; 'oncall test' sends a test page through Alertmanager and waits for it
  alerts    firing alerts and silences in Alertmanager (amtool; the packaged Alertmanager has no web UI)

Run ./aicq <command> --help for details. All state lives in .aicq/ (git-ignored).
EOF_USAGE
}

usage_up() {
  cat <<EOF_USAGE
Usage: ./aicq up [--pg-replica]

  --pg-replica  also a streaming standby of postgres (pg_basebackup -R) on 127.0.0.1:\$AICQ_POSTGRES_REPLICA_PORT
                (default 55433), until ./aicq down: the API's DATABASE_URL names both servers
                (target_session_attrs=primary) and DATABASE_REPLICA_URL the standby; promote it with
                pg_ctl promote -D .aicq/postgres/replica and the API follows without a restart

Installs missing Debian packages, then starts, in order:
  postgres  private cluster in .aicq/postgres on 127.0.0.1:\$AICQ_POSTGRES_PORT (default 55432);
            role and database 'aicq', password generated into .aicq/secrets/postgres-password
  redis     127.0.0.1:\$AICQ_REDIS_PORT (default 56379), password in .aicq/secrets/redis-password, maxmemory
            \$AICQ_REDIS_MAXMEMORY (default 256mb, noeviction), append-only file fsynced every second, data in .aicq/redis
  api       built in Release, listening on 127.0.0.1:\$AICQ_API_PORT (default 5080), metrics on
            127.0.0.1:\$AICQ_METRICS_PORT (default 9091); it applies its database migrations itself
            and waits until http://127.0.0.1:5080/health/ready answers 200; a second instance
            api-2 on 127.0.0.1:\$AICQ_API2_PORT (default 5081), metrics :\$AICQ_API2_METRICS_PORT (9095)
  edge      the public entry point agents use: https://127.0.0.1:\$AICQ_EDGE_HTTPS_PORT (default 8443),
            http :8080 answering 308, internal :9092 (metrics, health, block admin); balances over both
            API instances; makes a local CA and server certificate in .aicq/tls/ on first start
  exporters postgres-exporter :9187 (role aicq_monitor, password in .aicq/secrets/postgres-monitor-password),
            redis-exporter :9121, node-exporter :9100, blackbox-exporter :9115, all on 127.0.0.1
  alertmanager
            127.0.0.1:9093 from alertmanager/render.sh local (into .aicq/alertmanager/); the on-call
            webhook from \$AICQ_ONCALL_URL (remembered in .aicq/oncall-url; empty forgets it; unset
            and never given: nobody is paged, and up says so), \$AICQ_HEARTBEAT_URL, integration secrets
            in .aicq/alertmanager/secrets/, links from \$AICQ_ALERTMANAGER_EXTERNAL_URL
  prometheus
            127.0.0.1:9090 from prometheus/render.sh local (into .aicq/prometheus/), rules from
            prometheus/rules/ with runbook links under \$AICQ_DOCS_BASE_URL, alert links (generatorURL)
            under \$AICQ_PROMETHEUS_EXTERNAL_URL; waits for the first scrape of every target
  status    the status page at http://127.0.0.1:\$AICQ_STATUS_PORT (default 8088); internal port :9094 has
            the probes, /metrics, the Alertmanager webhook (token in .aicq/secrets/status_webhook_token, which
            Alertmanager reads too) and the operator API (token in .aicq/secrets/status_admin_token);
            its synthetic agent probes the appliance through the edge every 30 s
then prints where everything listens and the health of every Prometheus target.

Running it again is harmless: running parts are left alone (Prometheus and Alertmanager re-read their
re-rendered configuration); the API, the edge and the status page are built only when something they
are built from changed (see ./aicq build --help) and restarted only when their build or settings changed.
Logs are in .aicq/logs/, pidfiles in .aicq/run/. The API instances, the edge and the status page each
write JSON lines to their own file (api-1.log, api-2.log, edge.log, status.log), rotated at
\$AICQ_LOG_MAX_KB (default 10240) with \$AICQ_LOG_FILES files kept (default 5: api-1.log, api-1.log.1 … .4);
what a service prints outside its log (an invalid setting, a crash) is in <name>.console.log.
EOF_USAGE
}

usage_build() {
  cat <<EOF_USAGE
Usage: ./aicq build

Builds the appliance's own services (the API, the edge, the status page) in Release, as ./aicq up does
before it starts them. A service is skipped ("up to date") when nothing it is built from changed since
the last build made here: the files of its project and of every project it references (bin/ and obj/
aside), Directory.*.props, global.json, .editorconfig, the git commit, and its DLL is still that build's.
Stamps are in .aicq/build/; delete one to force that build.
EOF_USAGE
}

usage_down() {
  cat <<EOF_USAGE
Usage: ./aicq down

Stops every part, last started first (start order: ${PARTS[*]}): SIGTERM, a grace period (the API
drains in-flight requests), then SIGKILL; PostgreSQL with a fast shutdown. Data stays in .aicq/.
EOF_USAGE
}

usage_status() {
  cat <<EOF_USAGE
Usage: ./aicq status

Prints, for every part, whether it runs, its pids (the API and the exporters run several processes),
its health, its log files and where it listens; then, while Prometheus runs, every scrape target
with its health (from Prometheus' /api/v1/targets) and how many are up.
Exits 0 when every part runs, 1 otherwise.
EOF_USAGE
}

usage_logs() {
  cat <<EOF_USAGE
Usage: ./aicq logs [part...] [-f]

Shows the last 50 lines of every log file of the given parts (${PARTS[*]}), or of all of them;
for the API that is both instances (api-1.log and api-2.log; each JSON line names its "instance").
On a terminal each file gets a header; piped, only the lines come out, so './aicq logs api | jq .' works.
A non-empty <name>.console.log (what a service printed outside its log) is named on stderr.
  -f, --follow   keep following the logs, across rotations
EOF_USAGE
}

usage_test() {
  cat <<EOF_USAGE
Usage: ./aicq test [--filter EXPRESSION] [--faults|--fuzz|--abuse|--load|--bad-input|--reliability] [dotnet test options]

Installs missing Debian packages, builds the solution in Release and runs every test project. Tests
start their own PostgreSQL, Redis and API processes on free ports under .aicq/test/run-<pid>; they
never touch the data of ./aicq up, and whatever they leave is killed and removed at the end, also on
Ctrl-C. TRX results go to .aicq/test-results/. The last line is 'tests: N passed, N failed'; the
exit status is non-zero when a test failed or the build failed.
  --filter EXPRESSION   run only matching tests (dotnet test --filter syntax, e.g. FullyQualifiedName~Rooms)

The reliability suites (tests/Aicq.Reliability.Tests) run in a bounded form with everything else and
write .aicq/test-results/reliability.md. Each flag below runs only its suite, in the full form of
issue 7 (30 s outages, a 10 minute steady load, ...), and updates docs/reliability.md:
  --faults              dependencies and instances fail under steady traffic (about 15 minutes)
  --fuzz                requests generated from the OpenAPI document, valid and invalid
  --abuse               spoofing, budget draining, nonce races, key guessing, slow clients
  --load                steady mixed load, step test to the knee, soak (about 25 minutes)
  --bad-input           malformed, oversized and hostile requests through the edge (one form only)
  --reliability         all of the above
EOF_USAGE
}

usage_install() {
  cat <<EOF_USAGE
Usage: ./aicq install

Installs the Debian packages every part and the tests need (apt-get update once, then only what is
missing). ./aicq up and ./aicq test do this themselves; CI calls it first to fail early and clearly.
EOF_USAGE
}
