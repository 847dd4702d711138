#!/usr/bin/env bash
# End-to-end smoke test of running services (run after up.sh). Leaves no data behind.
#   infra/services/smoke.sh [kafka|elasticsearch|postgres|all]   (default: all)
#  - Kafka: create a 3-partition topic, list/describe it, produce + consume 3 records, delete it.
#  - Elasticsearch: index with dense_vector(512, cosine, indexed), 3 docs, one knn query, delete it.
#  - PostgreSQL: SELECT 1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BOOTSTRAP="$KAFKA_HOST:$KAFKA_PORT"
ES_URL="http://$ES_HOST:$ES_PORT"

smoke_kafka() {
  local topic="xiansuo-smoke-$$" out
  log "kafka: create topic $topic (3 partitions)"
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
    --create --topic "$topic" --partitions 3 --replication-factor 1
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list |
    grep -qx "$topic" || die "kafka: topic $topic not listed"
  out="$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --describe --topic "$topic")"
  printf '%s\n' "$out"
  [[ $(grep -c 'Partition: ' <<<"$out") -eq 3 ]] || die "kafka: expected 3 partitions"

  log "kafka: produce + consume 3 records"
  printf '线索-1\n线索-2\n线索-3\n' |
    kafka_tool kafka.tools.ConsoleProducer --bootstrap-server "$BOOTSTRAP" --topic "$topic"
  out="$(kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
          --topic "$topic" --from-beginning --max-messages 3 --timeout-ms 20000 2>/dev/null)"
  [[ $(sort <<<"$out" | tr '\n' ' ') == "线索-1 线索-2 线索-3 " ]] || die "kafka: consumed '$out'"

  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --delete --topic "$topic"
  log "kafka: OK"
}

es() {  # es METHOD PATH [JSON]: curl wrapper; dies with the response body on HTTP errors
  local method=$1 path=$2 body=${3:-} out
  out="$(curl -sS --fail-with-body -m 30 -X "$method" "$ES_URL$path" \
           -H 'content-type: application/json' ${body:+--data-binary "$body"})" ||
    die "elasticsearch: $method $path failed: ${out:0:800}"
  printf '%s\n' "$out"
}

# vec SEED: deterministic 512-dim vector as a JSON array.
vec() { awk -v s="$1" 'BEGIN { printf "["; for (i = 0; i < 512; i++) printf "%s%.4f", (i ? "," : ""), sin(s * (i + 1)); printf "]" }'; }

smoke_es() {
  local index="xiansuo-smoke-$$" out
  log "elasticsearch: create index $index (dense_vector dims 512, cosine, indexed)"
  es PUT "/$index" '{"settings":{"number_of_shards":1,"number_of_replicas":0},
    "mappings":{"properties":{"text":{"type":"text"},
      "embedding":{"type":"dense_vector","dims":512,"index":true,"similarity":"cosine"}}}}' >/dev/null

  log "elasticsearch: index 3 docs, knn query"
  local bulk="" i
  for i in 1 2 3; do
    bulk+="{\"index\":{\"_index\":\"$index\",\"_id\":\"$i\"}}"$'\n'
    bulk+="{\"text\":\"举报线索 $i\",\"embedding\":$(vec "$i")}"$'\n'
  done
  out="$(es POST '/_bulk?refresh=true' "$bulk")"
  [[ $out == *'"errors":false'* ]] || die "elasticsearch: bulk failed: ${out:0:500}"

  out="$(es POST "/$index/_search?filter_path=hits.hits._id,hits.hits._score" \
    "{\"knn\":{\"field\":\"embedding\",\"query_vector\":$(vec 2),\"k\":2,\"num_candidates\":10},\"_source\":false}")"
  printf '%s\n' "$out"
  [[ $out == '{"hits":{"hits":[{"_id":"2"'* ]] || die "elasticsearch: knn did not return doc 2 first"

  es DELETE "/$index" >/dev/null
  log "elasticsearch: OK"
}

smoke_postgres() {
  [[ "$(psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -tAc 'select 1')" == 1 ]] || die "postgres: select 1 failed"
  log "postgres: OK"
}

main() {
  local svc
  expand_services "$@"
  for svc in "${SERVICES[@]}"; do
    case $svc in
      kafka) smoke_kafka ;;
      elasticsearch) smoke_es ;;
      postgres) smoke_postgres ;;
    esac
  done
}

main "$@"
