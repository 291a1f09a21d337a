# shellcheck shell=bash
# Debian packages: each part lists what it needs in <part>_PACKAGES; only missing ones are installed,
# so a machine that has everything never touches apt.

# packages_missing PACKAGE...: prints the packages that are not installed. One dpkg-query for all of them:
# one per package cost ./aicq up more than half a second.
packages_missing() {
  local package installed
  (($# > 0)) || return 0
  # dpkg-query exits 1 when it knows nothing of one of them, but still lists the others.
  installed=$'\n'"$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null || true)"$'\n'
  for package in "$@"; do
    [[ "$installed" == *$'\n'"$package installed"$'\n'* ]] || printf '%s\n' "$package"
  done
}

# ensure_packages PACKAGE...: installs the missing ones (one apt-get update first, no prompts).
ensure_packages() {
  local missing sudo=()
  mapfile -t missing < <(packages_missing "$@")
  ((${#missing[@]} > 0)) || return 0
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "missing Debian packages: ${missing[*]}; install them as root: apt-get install -y ${missing[*]}"
    sudo=(sudo)
  fi
  step "Installing Debian packages: ${missing[*]}"
  local log="$AICQ_LOGS/apt.log"
  mkdir -p "$AICQ_LOGS"
  if ! "${sudo[@]}" apt-get update >"$log" 2>&1 ||
    ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "could not install ${missing[*]} (full output in $(relpath "$log"))"
  fi
  ok "installed ${missing[*]}"
}

# part_packages PART...: every package the given parts list.
part_packages() {
  local part list
  for part in "$@"; do
    list="${part}_PACKAGES[@]"
    printf '%s\n' "${!list}"
  done
}
