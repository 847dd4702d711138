#!/usr/bin/env bash
# Wipe service DATA (Kafka log dirs, Elasticsearch data/logs) but keep the downloaded
# artifacts, so the next up.sh starts from an empty state without re-downloading.
#   infra/services/clean.sh [kafka|elasticsearch|all]   (default: all)
# Refuses to run while a service is running (stop it first with down.sh).
# PostgreSQL is never touched.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

clean_kafka() {
  kafka_pid >/dev/null && die "kafka is running; run infra/services/down.sh kafka first"
  log "kafka: removing $KAFKA_DATA, $KAFKA_LOG"
  rm -rf "$KAFKA_DATA" "$KAFKA_LOG"   # next up.sh re-formats the KRaft storage
}

clean_es() {
  es_pid >/dev/null && die "elasticsearch is running; run infra/services/down.sh elasticsearch first"
  log "elasticsearch: removing $ES_DATA, $ES_LOGS"
  rm -rf "$ES_DATA" "$ES_LOGS" "$ES_RUNTIME/tmp" "$ES_STARTUP_LOG"
}

main() {
  local svc
  expand_services "$@"
  for svc in "${SERVICES[@]}"; do
    case $svc in
      kafka) clean_kafka ;;
      elasticsearch) clean_es ;;
      postgres) [[ $# -gt 0 && " $* " != *" all "* ]] && log "postgres: not cleaned (machine service)" ;;
    esac
  done
  return 0
}

main "$@"
