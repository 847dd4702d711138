#!/usr/bin/env bash
# Show each local service: state (stopped/running/healthy), address, version, pid, RSS.
#   infra/services/status.sh [kafka|elasticsearch|postgres|all]...   (default: all)
# Exit code 0 only if every listed service is healthy (usable as a CI gate).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

main() {
  local svc line rc=0
  expand_services "$@"
  status_header
  for svc in "${SERVICES[@]}"; do
    line="$(status_line "$svc")"
    printf '%s\n' "$line"
    [[ $(awk '{print $2}' <<<"$line") == healthy ]] || rc=1
  done
  return "$rc"
}

main "$@"
