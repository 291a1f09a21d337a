# shellcheck shell=bash
# Output for people: colours only on a terminal (CI logs stay plain), errors on stderr.

if [[ -t 1 && -z "${NO_COLOR:-}" && "${TERM:-dumb}" != dumb ]]; then
  UI_BOLD=$'\e[1m' UI_DIM=$'\e[2m' UI_RED=$'\e[31m' UI_GREEN=$'\e[32m' UI_YELLOW=$'\e[33m' UI_BLUE=$'\e[34m' UI_RESET=$'\e[0m'
else
  UI_BOLD='' UI_DIM='' UI_RED='' UI_GREEN='' UI_YELLOW='' UI_BLUE='' UI_RESET=''
fi

step() { printf '%s==>%s %s%s%s\n' "$UI_BLUE" "$UI_RESET" "$UI_BOLD" "$*" "$UI_RESET"; }
ok() { printf '  %sok%s %s\n' "$UI_GREEN" "$UI_RESET" "$*"; }
note() { printf '  %s%s%s\n' "$UI_DIM" "$*" "$UI_RESET"; }
warn() { printf '%swarning:%s %s\n' "$UI_YELLOW" "$UI_RESET" "$*" >&2; }
die() {
  printf '%serror:%s %s\n' "$UI_RED" "$UI_RESET" "$*" >&2
  exit 1
}

# colour_state WORD: the word coloured green when good (running, ok), red otherwise.
colour_state() {
  case "$1" in
    running | ok) printf '%s%s%s' "$UI_GREEN" "$1" "$UI_RESET" ;;
    -) printf '%s' "$1" ;;
    *) printf '%s%s%s' "$UI_RED" "$1" "$UI_RESET" ;;
  esac
}

# relpath PATH: PATH relative to the repository root when inside it, for shorter tables.
relpath() { printf '%s' "${1#"$AICQ_ROOT"/}"; }

# print_columns COLOURED <ROWS: aligns rows of cells separated by $'\x1f' (not a tab: empty cells must
# survive) into columns as wide as their widest cell, so a cell with several pids or files never shifts
# the rest. The first row is the header, in bold; cells of the COLOURED columns (0-based, comma-separated)
# go through colour_state after padding, so colour codes never count as width. The last column is not padded.
print_columns() {
  local coloured=",$1," rows=() widths=() cells row i last first=true
  mapfile -t rows
  for row in "${rows[@]}"; do
    IFS=$'\x1f' read -r -a cells <<<"$row"
    for i in "${!cells[@]}"; do ((${#cells[i]} <= ${widths[i]:-0})) || widths[i]=${#cells[i]}; done
  done
  last=$((${#widths[@]} - 1))
  for row in "${rows[@]}"; do
    IFS=$'\x1f' read -r -a cells <<<"$row"
    $first && printf '%s' "$UI_BOLD"
    for ((i = 0; i < last; i++)); do
      if ! $first && [[ -n "${cells[i]:-}" && "$coloured" == *",$i,"* ]]; then colour_state "${cells[i]:-}"; else printf '%s' "${cells[i]:-}"; fi
      printf '%*s ' $((widths[i] - ${#cells[i]})) ''
    done
    printf '%s' "${cells[last]:-}"
    $first && printf '%s' "$UI_RESET"
    printf '\n'
    first=false
  done
}
