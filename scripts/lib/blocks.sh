# shellcheck shell=bash
# `./aicq blocks`: list and lift the edge's IP blocks through its internal admin API (never public).

cmd_blocks() {
  local action="${1:-list}" url token
  url="$(edge_internal_url)/admin/blocks"
  port_open "$AICQ_EDGE_INTERNAL_PORT" || die "the edge is not running (nothing on $(edge_internal_url)); start it with ./aicq up"
  token="${AICQ_EDGE_ADMIN_TOKEN:-$(edge_admin_token)}"
  case "$action" in
    list)
      blocks_call GET "$url" "$token" || die "could not list the blocks: $BLOCKS_ANSWER"
      printf '%s\n' "$BLOCKS_ANSWER"
      ;;
    lift)
      [[ -n "${2:-}" ]] || die "usage: ./aicq blocks lift <ip>"
      if blocks_call DELETE "$url/${2%%/*}" "$token"; then
        ok "lifted the block on $2"
      elif [[ "$BLOCKS_STATUS" == 404 && "$BLOCKS_ANSWER" == *'"not blocked"'* ]]; then
        die "$2 is not blocked, so there is nothing to lift (./aicq blocks list shows the current blocks)"
      else
        die "could not lift the block on $2: $BLOCKS_ANSWER"
      fi
      ;;
    *) die "unknown action '$action' (see ./aicq blocks --help)" ;;
  esac
}

# blocks_call METHOD URL TOKEN: true on a 2xx. Sets BLOCKS_STATUS and BLOCKS_ANSWER (the body, or what went
# wrong) instead of letting curl print its own error, so every outcome gets a sentence of ours.
blocks_call() {
  local body
  body="$(mktemp)"
  BLOCKS_STATUS="$(curl -sS --max-time 10 -o "$body" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $3" "$2" 2>&1)" || BLOCKS_STATUS=000
  BLOCKS_ANSWER="$(cat "$body")"
  rm -f "$body"
  case "$BLOCKS_STATUS" in
    2??) return 0 ;;
    000) BLOCKS_ANSWER="the edge did not answer at $2" ;;
    401) BLOCKS_ANSWER="the edge refused the admin token (HTTP 401); it is in .aicq/secrets/edge_admin_token" ;;
    *) BLOCKS_ANSWER="HTTP $BLOCKS_STATUS ${BLOCKS_ANSWER:-(no body)}" ;;
  esac
  return 1
}

usage_blocks() {
  cat <<EOF_USAGE
Usage: ./aicq blocks [list]
       ./aicq blocks lift <ip>

An IP with 10 rate-limit violations within an hour is blocked for 24 h (403 "temporarily blocked").
'list' prints the current blocks as JSON, {"blocks": [{"ip", "blocked_at", "expires_at"}, ...]} with ISO 8601
times; 'lift' removes one at once, and fails with a clear message when that IP is not blocked.
An IPv6 block covers its /64: any address inside it names the block.
Both call the edge's internal admin API on $(edge_internal_url 2>/dev/null || echo 127.0.0.1:9092) with the token
in .aicq/secrets/edge_admin_token (or \$AICQ_EDGE_ADMIN_TOKEN, e.g. for another edge on \$AICQ_EDGE_INTERNAL_PORT).
EOF_USAGE
}
