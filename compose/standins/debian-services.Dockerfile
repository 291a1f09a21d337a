# Every Debian package the service stand-ins carry, in one apt layer that they all share (one download and one
# unpack per run instead of one per stand-in). The postgres user first, with the real image's uid (999), so the
# package adopts it instead of creating its own.
FROM aicq-standin/debian:bookworm
RUN groupadd -g 999 postgres && useradd -u 999 -g 999 -d /var/lib/postgresql -s /bin/bash postgres \
 && apt-get update \
 && apt-get install -y --no-install-recommends \
      postgresql-15 redis-server prometheus prometheus-alertmanager prometheus-postgres-exporter \
      prometheus-redis-exporter prometheus-node-exporter prometheus-blackbox-exporter busybox \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s /bin/busybox /usr/local/bin/wget
