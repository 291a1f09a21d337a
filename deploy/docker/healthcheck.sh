#!/bin/bash
# healthcheck.sh PORT [PATH]: exit 0 when http://127.0.0.1:PORT/PATH (default /health/live) answers 200.
# The ASP.NET runtime image has neither curl nor wget; bash's /dev/tcp is enough for one GET on loopback,
# and it costs no .NET start-up every interval. Docker's HEALTHCHECK --timeout bounds a hung connection.
set -u
port="${1:?usage: healthcheck.sh PORT [PATH]}"
path="${2:-/health/live}"
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
IFS=' ' read -r -t 5 _ status _ <&3 || exit 1
[[ "$status" == 200 ]]
