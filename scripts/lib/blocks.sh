# shellcheck shell=bash
# `./aicq blocks`: list and lift the edge's IP blocks through its internal admin API (never public).

cmd_blocks() {
  local action="${1:-list}" url token
  url="$(edge_internal_url)/admin/blocks"
  edge_pid >/dev/null || die "the edge is not running; start it with ./aicq up"
  token="$(edge_admin_token)"
  case "$action" in
    list)
      curl -fsS -H "Authorization: Bearer $token" "$url" || die "could not list blocks at $url"
      echo
      ;;
    lift)
      [[ -n "${2:-}" ]] || die "usage: ./aicq blocks lift <ip>"
      curl -fsS -X DELETE -H "Authorization: Bearer $token" "$url/$2" >/dev/null || die "could not lift the block on $2"
      ok "lifted the block on $2"
      ;;
    *) die "unknown action '$action' (see ./aicq blocks --help)" ;;
  esac
}

usage_blocks() {
  cat <<EOF_USAGE
Usage: ./aicq blocks [list]
       ./aicq blocks lift <ip>

An IP with 10 rate-limit violations within an hour is blocked for 24 h (403 "temporarily blocked").
'list' prints the current blocks as JSON (address, reason, until); 'lift' removes one at once.
Both call the edge's internal admin API on $(edge_internal_url 2>/dev/null || echo 127.0.0.1:9092) with the token
in .aicq/secrets/edge_admin_token.
EOF_USAGE
}
