#!/usr/bin/env bash
# A private Docker engine and every image compose/docker-compose.yml needs, built here (no registry is reachable).
#   engine.sh start DIR     starts dockerd with everything under DIR; prints the DOCKER_HOST to use
#   engine.sh images DIR    builds the base image, the stand-ins (README.md here) and the AICQ images
#   engine.sh stop DIR [--keep-images]
#                           stops that dockerd and removes what it left: mounts, network interfaces, DIR itself
#                           (--keep-images keeps DIR's images for the next start: a developer's loop, never CI)
# The engine keeps off the host's network setup: no docker0 (--bridge=none), no iptables rules, no userland proxy,
# so it runs beside `./aicq up` and other engines. It still holds each published port on the host (a bound
# socket), so whoever runs compose on it picks free host ports. Builds use the host's network.
# Every image is labelled with the hash of its inputs and not rebuilt while an image with that label exists.
# Each stage prints `stage NAME: SECONDS s` (the test reports them as the CI budget).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
# The mirror the host's apt uses (deb822 sources first, then a classic sources.list).
mirror="$(sed -n 's/^URIs: *\(http[^ ]*debian\)\/*$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)"
mirror="${mirror:-$(sed -n 's/^deb \(http[^ ]*debian\)\/* bookworm .*/\1/p' /etc/apt/sources.list 2>/dev/null | head -n 1)}"
mirror="${mirror:-http://deb.debian.org/debian}"

usage() { sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -eq 2 || "$*" == "stop "*" --keep-images" ]] || usage
command="$1" dir="$(mkdir -p "$2" && cd "$2" && pwd)" keep="${3:-}"

# Unix sockets take at most 107 bytes, and containerd's live deep below the exec root: the engine addresses
# DIR through a short link in /tmp.
id="aicq-engine-$(printf '%s' "$dir" | sha256sum | cut -c1-12)"
link="/tmp/$id"
export DOCKER_HOST="unix://$link/docker.sock"
docker() { command /usr/bin/docker "$@"; }

stage_started=0
stage() { stage_started=$SECONDS; printf '%s\n' "$*" >&2; }
stage_done() { printf 'stage %s: %d s\n' "$1" $((SECONDS - stage_started)); }

start() {
  mkdir -p "$dir/data" "$dir/exec"
  ln -sfn "$dir" "$link"
  stage "starting dockerd (log: $dir/dockerd.log)"
  (exec dockerd --data-root "$link/data" --exec-root "$link/exec" --pidfile "$link/dockerd.pid" -H "$DOCKER_HOST" \
    --cgroup-parent "/$id" --storage-driver overlay2 --bridge none --iptables=false --ip-masq=false --userland-proxy=false \
    --default-address-pool base=172.31.0.0/16,size=24 >"$dir/dockerd.log" 2>&1) &
  local deadline=$((SECONDS + 60))
  until docker info >/dev/null 2>&1; do
    kill -0 $! 2>/dev/null || { tail -n 20 "$dir/dockerd.log" >&2; exit 1; }
    ((SECONDS < deadline)) || { echo "dockerd did not answer within 60 s" >&2; exit 1; }
    sleep 0.2
  done
  stage_done engine
  echo "DOCKER_HOST=$DOCKER_HOST"
}

stop() {
  local pid networks bridge
  if [[ -S "$link/docker.sock" ]]; then
    # Bridge interfaces are named after the network's id; remember them in case dockerd cannot remove them.
    networks="$(docker network ls -q --no-trunc 2>/dev/null || true)"
    printf '%s\n' "$networks" >"$dir/networks"
  fi
  pid="$(cat "$dir/dockerd.pid" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    # dockerd stops its containers (10 s each, in parallel) and containerd, then exits.
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  # A dockerd that was killed leaves its containerd and shims (they run below this engine's paths) and its
  # containers (in this engine's cgroup).
  for pid in $(pgrep -f -- "$link/" || true) $(cat /sys/fs/cgroup/pids/"$id"/*/cgroup.procs 2>/dev/null || true); do
    kill -KILL "$pid" 2>/dev/null || true
  done
  find /sys/fs/cgroup/*/"$id" -depth -type d -exec rmdir {} + 2>/dev/null || true
  while read -r bridge; do
    [[ -n "$bridge" ]] && ip link delete "br-${bridge:0:12}" 2>/dev/null || true
  done <"$dir/networks" 2>/dev/null || true
  # Deepest first: overlay mounts and network namespaces under the data and exec roots.
  findmnt -rn -o TARGET | { grep -F -e "$dir/" -e "$link/" || true; } | sort -r | while read -r mount; do
    umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null || true
  done
  rm -f "$link"
  [[ -n "$keep" ]] || rm -rf "$dir"
}

# hash_of TEXT...: the inputs' hash (a label value and the cache key).
hash_of() { printf '%s\n' "$@" | sha256sum | cut -c1-16; }
# tree_hash PATH...: the contents of files and folders, bin/ and obj/ excluded.
tree_hash() {
  (cd "$root" && find "$@" \( -name bin -o -name obj \) -prune -o -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}
# image_has TAG HASH: the tag exists with that inputs label.
image_has() { [[ "$(docker image inspect -f '{{ index .Config.Labels "aicq.inputs" }}' "$1" 2>/dev/null)" == "$2" ]]; }

# build TAG HASH CONTEXT DOCKERFILE [docker build option]...
build() {
  local tag="$1" hash="$2" context="$3" dockerfile="$4"
  shift 4
  if image_has "$tag" "$hash"; then echo "  $tag: cached ($hash)" >&2; return 0; fi
  stage "building $tag"
  if ! docker build --network host --label "aicq.inputs=$hash" -t "$tag" -f "$dockerfile" "$@" "$context" >"$dir/build-${tag//[\/:]/_}.log" 2>&1; then
    tail -n 30 "$dir/build-${tag//[\/:]/_}.log" >&2
    echo "building $tag failed (log: $dir/build-${tag//[\/:]/_}.log)" >&2
    return 1
  fi
  stage_done "$tag"
}

base_image() {
  local hash
  hash="$(hash_of debootstrap minbase bookworm "$mirror" "$(dpkg-query -W -f '${Version}' debootstrap)")"
  image_has aicq-standin/debian:bookworm "$hash" && return 0
  stage "debootstrap bookworm from $mirror"
  local rootfs="$dir/rootfs"
  rm -rf "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$dir/debootstrap.log" 2>&1 || { tail -n 20 "$dir/debootstrap.log" >&2; exit 1; }
  # As in the host's chroots: package installs start no service.
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
  chmod 755 "$rootfs/usr/sbin/policy-rc.d"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import -c "LABEL aicq.inputs=$hash" -c 'CMD ["bash"]' - aicq-standin/debian:bookworm >/dev/null
  rm -rf "$rootfs"
  stage_done base
}

service_standins() {
  local base="$1" services name tag
  services="$(hash_of "$base" "$(cat "$here/debian-services.Dockerfile")")"
  build aicq-standin/debian-services "$services" "$here" "$here/debian-services.Dockerfile"
  while read -r name tag; do
    build "$tag" "$(hash_of "$services" "$(tree_hash "compose/standins/$name.Dockerfile" compose/standins/postgres-entrypoint.sh)")" \
      "$here" "$here/$name.Dockerfile"
  done <<'EOF'
postgres postgres:15.13-bookworm
redis redis:7.2.5-bookworm
prometheus prom/prometheus:v2.53.2
alertmanager prom/alertmanager:v0.27.0
postgres-exporter quay.io/prometheuscommunity/postgres-exporter:v0.15.0
redis-exporter oliver006/redis_exporter:v1.62.0
node-exporter prom/node-exporter:v1.8.1
blackbox-exporter prom/blackbox-exporter:v0.25.0
EOF
}

# The .NET images carry this machine's install; its file list (versioned paths, sizes) stands for its contents
# (not times: running the SDK touches files and folders of its own install).
dotnet_standins() {
  local install context aspnet sdk
  install="$(cd "$dotnet_root" && find . -type f -printf '%P %s\n' | sort | sha256sum | cut -c1-16)"
  context="$dir/dotnet-context"
  aspnet="$(hash_of "$1" "$install" "$(cat "$here/dotnet-aspnet.Dockerfile")")"
  if ! image_has mcr.microsoft.com/dotnet/aspnet:10.0.12-noble "$aspnet"; then
    rm -rf "$context" && mkdir -p "$context/dotnet"
    cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/shared" "$dotnet_root/LICENSE.txt" "$context/dotnet/"
    build mcr.microsoft.com/dotnet/aspnet:10.0.12-noble "$aspnet" "$context" "$here/dotnet-aspnet.Dockerfile"
  fi
  sdk="$(hash_of "$aspnet" "$install" "$(sha256sum /etc/ssl/certs/ca-certificates.crt)" "$(cat "$here/dotnet-sdk.Dockerfile")")"
  if ! image_has mcr.microsoft.com/dotnet/sdk:10.0.401-noble "$sdk"; then
    rm -rf "$context" && mkdir -p "$context"
    cp -a "$dotnet_root" "$context/dotnet"
    cp /etc/ssl/certs/ca-certificates.crt "$context/"
    build mcr.microsoft.com/dotnet/sdk:10.0.401-noble "$sdk" "$context" "$here/dotnet-sdk.Dockerfile"
  fi
  rm -rf "$context"
}

# The images compose builds itself (aicq-*:dev), from the repository as it is, built here so that compose
# never needs a build of its own (and the build gets the host's network).
aicq_images() {
  local sources name parents hash
  sources="$(tree_hash global.json Directory.Build.props Directory.Packages.props .editorconfig src deploy/docker)"
  parents="$(docker image inspect -f '{{ .Id }}' mcr.microsoft.com/dotnet/sdk:10.0.401-noble mcr.microsoft.com/dotnet/aspnet:10.0.12-noble | tr '\n' ' ')"
  # The version is in the tag already.
  hash="$(hash_of "$sources" "$parents" "${AICQ_COMMIT:-unknown}")"
  # One after the other: side by side on two cores they took longer in all (480 s against 400 s).
  for name in api edge status; do
    build "aicq-$name:${AICQ_VERSION:-dev}" "$hash" "$root" "$root/deploy/docker/$name.Dockerfile" \
      --build-arg "VERSION=${AICQ_VERSION:-dev}" --build-arg "COMMIT=${AICQ_COMMIT:-unknown}"
  done
}

# wait_all PID...: waits for every one; fails when any failed.
wait_all() {
  local pid status=0
  for pid in "$@"; do wait "$pid" || status=1; done
  return "$status"
}

# Two chains side by side after the base: Debian's packages (network-bound) and .NET (disk, then CPU).
images() {
  local started=$SECONDS base services dotnet
  base_image
  base="$(docker image inspect -f '{{ .Id }}' aicq-standin/debian:bookworm)"
  service_standins "$base" &
  services=$!
  {
    dotnet_standins "$base"
    aicq_images
  } &
  dotnet=$!
  wait_all "$services" "$dotnet"
  printf 'stage images: %d s\n' $((SECONDS - started))
}

case "$command" in
  start) start ;;
  stop) stop ;;
  images) images ;;
  *) usage ;;
esac
