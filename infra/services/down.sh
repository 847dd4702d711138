#!/usr/bin/env bash
# Stop local dev/CI services: SIGTERM, wait, then SIGKILL after a timeout.
#   infra/services/down.sh [kafka|elasticsearch|postgres|all]...   (default: all)
# "all" means Kafka + Elasticsearch only: PostgreSQL is the machine's service and is
# stopped only when named explicitly (down.sh postgres).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STOP_TIMEOUT=${STOP_TIMEOUT:-60}   # Kafka's controlled shutdown + ES flush need a few seconds

stop_postgres() {
  command -v pg_ctlcluster >/dev/null 2>&1 || die "postgres: pg_ctlcluster not available; stop it yourself"
  local ver name
  read -r ver name < <(pg_lsclusters --no-header | awk -v p="$PG_PORT" '$3 == p && $4 == "online" {print $1, $2; exit}') ||
    { log "postgres: not running"; return 0; }
  log "postgres: stopping cluster $ver/$name"
  pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" stop
  log "postgres: stopped"
}

main() {
  local svc
  if [[ $# -eq 0 || " $* " == *" all "* ]]; then
    SERVICES=(kafka elasticsearch)
  else
    expand_services "$@"
  fi
  for svc in "${SERVICES[@]}"; do
    case $svc in
      kafka) stop_pid kafka "$KAFKA_PID" kafka.Kafka "$STOP_TIMEOUT" ;;
      elasticsearch) stop_pid elasticsearch "$ES_PID" org.elasticsearch "$STOP_TIMEOUT" ;;
      postgres) stop_postgres ;;
    esac
  done
}

main "$@"
