#!/bin/sh
# Starts the blackbox exporter on loopback (prometheus.yml scrapes it at 127.0.0.1:9115), then Prometheus
# on every address (":9090": Fly's private IPv6 network too), storing on the volume at /prometheus.
set -eu
blackbox_exporter --config.file=/etc/prometheus/blackbox.yml --web.listen-address=127.0.0.1:9115 &
exec prometheus \
  --config.file=/etc/prometheus/prometheus.yml \
  --storage.tsdb.path=/prometheus \
  --storage.tsdb.retention.time=15d \
  --web.listen-address=:9090 \
  --web.external-url="${PROMETHEUS_EXTERNAL_URL:-http://aicq-prometheus.internal:9090}" \
  --web.route-prefix=/
