# shellcheck shell=bash
# Shared helpers for up.sh / down.sh / status.sh / clean.sh / smoke.sh.
# Sourced, never executed. Requires bash 4+.

SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(cd "$SERVICES_DIR/../.." && pwd)"
# shellcheck source=versions.env
source "$SERVICES_DIR/versions.env"

# Downloaded artifacts + Kafka data live in the (gitignored) cache.
CACHE_DIR="${XIANSUO_CACHE:-$PROJECT_ROOT/.cache}"
mkdir -p "$CACHE_DIR"
CACHE_DIR="$(cd "$CACHE_DIR" && pwd)"   # absolute: we cd around and hand paths to other users

KAFKA_DIR="$CACHE_DIR/kafka"
KAFKA_LIBS="$KAFKA_DIR/libs"
KAFKA_CONF="$KAFKA_DIR/config"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_LOG="$KAFKA_DIR/kafka.log"
KAFKA_PID="$KAFKA_DIR/kafka.pid"

ES_DIST_DIR="$CACHE_DIR/elasticsearch"              # holds the downloaded zip
ES_ZIP="$ES_DIST_DIR/elasticsearch-$ES_VERSION.zip"
# Elasticsearch refuses to run as root. As root we run it as $ES_USER, and its whole
# runtime (unpacked dist, config, data, logs) lives in a dir that user owns, OUTSIDE
# the checkout: a CI clone in a 0700 mktemp dir is not traversable by another user,
# and chmod-ing foreign parent dirs is worse. As non-root it simply stays in the cache.
if [[ $EUID -eq 0 ]]; then
  ES_RUNTIME="${XIANSUO_ES_RUNTIME:-/var/lib/$ES_USER}"
else
  ES_RUNTIME="${XIANSUO_ES_RUNTIME:-$ES_DIST_DIR/runtime}"
fi
ES_HOME="$ES_RUNTIME/elasticsearch-$ES_VERSION"
ES_DATA="$ES_RUNTIME/data"
ES_LOGS="$ES_RUNTIME/logs"
ES_PID="$ES_RUNTIME/es.pid"
ES_STARTUP_LOG="$ES_RUNTIME/startup.log"
ES_CLUSTER_NAME="xiansuo-dev"
ES_LOG="$ES_LOGS/$ES_CLUSTER_NAME.log"

ALL_SERVICES=(postgres kafka elasticsearch)

# ---------------------------------------------------------------- messages
log()  { printf '[services] %s\n' "$*" >&2; }
die()  { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

# Print the last lines of a log file, used when a service fails to come up.
show_log_tail() {
  local file=$1 n=${2:-40}
  if [[ -f $file ]]; then
    printf '[services] ---- last %s lines of %s ----\n' "$n" "$file" >&2
    tail -n "$n" "$file" >&2
    printf '[services] ---- end of %s ----\n' "$file" >&2
  else
    log "(no log file at $file)"
  fi
}

# ---------------------------------------------------------------- tools
require_java() {
  command -v java >/dev/null 2>&1 ||
    die "java not found on PATH. Install a JDK 17+ (Debian: apt-get install -y openjdk-17-jre-headless)."
  local major
  major="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  [[ ${major%%.*} -ge 17 ]] 2>/dev/null ||
    die "java on PATH is version '$major'; Kafka $KAFKA_VERSION / Elasticsearch $ES_VERSION here need Java 17+."
}

require_mvn() {
  command -v mvn >/dev/null 2>&1 ||
    die "mvn not found on PATH (needed once to fetch Kafka/Elasticsearch from Maven Central). Debian: apt-get install -y maven."
}

# Run maven quietly; on failure, re-run verbosely so the cause is visible.
mvn_fetch() {
  local pom=$1; shift
  local args=(-B -f "$pom" -Ddependency.plugin.version="$MAVEN_DEPENDENCY_PLUGIN_VERSION" "$@")
  # Output discarded: Maven 3.8 -q still prints stray ANSI "ESC[0m" codes; errors re-run below.
  if ! mvn -q "${args[@]}" >/dev/null 2>&1; then
    log "maven failed; re-running with output for diagnosis:"
    mvn "${args[@]}" >&2 || true
    die "could not fetch artifacts with maven (is Maven Central reachable? proxy settings in ~/.m2/settings.xml?)"
  fi
}

# ---------------------------------------------------------------- processes
# pid_of FILE PATTERN: print the pid from FILE if that process is alive and its
# command line contains PATTERN (guards against stale pid files / pid reuse).
pid_of() {
  local file=$1 pattern=$2 pid
  [[ -f $file ]] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern" || return 1
  printf '%s\n' "$pid"
}

port_open() { timeout 2 bash -c ">/dev/tcp/$1/$2" 2>/dev/null; }

# wait_until SECONDS DESCRIPTION CMD...: poll CMD every second.
wait_until() {
  local timeout=$1 what=$2; shift 2
  local start=$SECONDS
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS - start >= timeout )); then
      log "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 1
  done
}

# wait_healthy SECONDS DESCRIPTION HEALTH_FN ALIVE_FN: like wait_until, but gives up
# at once when ALIVE_FN fails (the process died: no point waiting for the timeout).
wait_healthy() {
  local timeout=$1 what=$2 healthy=$3 alive=$4 start=$SECONDS
  until "$healthy" >/dev/null 2>&1; do
    if ! "$alive" >/dev/null 2>&1; then
      log "$what: process exited during startup"
      return 1
    fi
    if (( SECONDS - start >= timeout )); then
      log "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 1
  done
}

# stop_pid NAME PIDFILE PATTERN [TIMEOUT]: SIGTERM, wait, then SIGKILL.
stop_pid() {
  local name=$1 file=$2 pattern=$3 timeout=${4:-30} pid
  if ! pid="$(pid_of "$file" "$pattern")"; then
    log "$name: not running"
    rm -f "$file"
    return 0
  fi
  log "$name: stopping pid $pid (SIGTERM, up to ${timeout}s)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until "$timeout" "$name to exit" bash -c "! kill -0 $pid"; then
    log "$name: still alive, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$file"
  log "$name: stopped"
}

# rss_of PID: resident set size in MiB.
rss_of() { awk '/^VmRSS:/ {printf "%d MiB", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

# ---------------------------------------------------------------- kafka
# kafka_tool MAINCLASS ARGS...: run a Kafka CLI class from the cached jars, with quiet
# logging and a hard timeout (an admin client can otherwise retry for minutes).
kafka_tool() {
  timeout "${KAFKA_TOOL_TIMEOUT:-60}" \
    java -Xmx256m -Dlog4j.configuration="file:$KAFKA_CONF/tools-log4j.properties" \
         -cp "$KAFKA_LIBS/*" "$@"
}
kafka_pid()     { pid_of "$KAFKA_PID" kafka.Kafka; }
kafka_version() { cat "$KAFKA_LIBS/.version" 2>/dev/null || echo "?"; }
# Healthy = port open AND the broker answers a metadata request (list topics).
kafka_healthy() {
  port_open "$KAFKA_HOST" "$KAFKA_PORT" &&
    KAFKA_TOOL_TIMEOUT=30 kafka_tool org.apache.kafka.tools.TopicCommand \
      --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" --list >/dev/null 2>&1
}

# ---------------------------------------------------------------- elasticsearch
es_pid()     { pid_of "$ES_PID" org.elasticsearch; }
es_healthy() {
  local body
  body="$(curl -fsS -m 35 "http://$ES_HOST:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=30s" 2>/dev/null)" ||
    return 1
  [[ $body =~ \"status\":\"(green|yellow)\" ]]
}
# Note: integ-test-zip lacks the rest-root module, so "GET /" answers 405; ask _cat instead.
es_running_version() {
  curl -fsS -m 5 "http://$ES_HOST:$ES_PORT/_cat/nodes?h=version" 2>/dev/null | head -n1 || true
}

# The JDK Elasticsearch runs on. integ-test-zip bundles no JDK; default to the java on
# PATH (17). Override with XIANSUO_ES_JAVA_HOME.
es_java_home() {
  if [[ -n ${XIANSUO_ES_JAVA_HOME:-} ]]; then
    printf '%s\n' "$XIANSUO_ES_JAVA_HOME"
  else
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
  fi
}

# ---------------------------------------------------------------- postgres
pg_ready()   { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }
pg_version() { psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -tAc 'show server_version' 2>/dev/null | awk '{print $1}'; }
pg_pid() {   # pid of the postmaster listening on PG_PORT (Debian cluster layout), best effort
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  local dir
  dir="$(pg_lsclusters --no-header 2>/dev/null | awk -v p="$PG_PORT" '$3 == p && $4 == "online" {print $6; exit}')"
  [[ -n $dir && -r $dir/postmaster.pid ]] && head -n1 "$dir/postmaster.pid"
}

# ---------------------------------------------------------------- args
# expand_services ARG...: set the global array SERVICES from the arguments;
# "all" (or nothing) -> every service. Runs in the caller's shell so die() exits.
expand_services() {
  SERVICES=()
  if [[ $# -eq 0 || " $* " == *" all "* ]]; then
    SERVICES=("${ALL_SERVICES[@]}")
    return
  fi
  local s
  for s in "$@"; do
    case $s in
      kafka|elasticsearch|postgres) SERVICES+=("$s") ;;
      es) SERVICES+=(elasticsearch) ;;
      pg|postgresql) SERVICES+=(postgres) ;;
      *) die "unknown service '$s' (expected: kafka, elasticsearch, postgres, all)" ;;
    esac
  done
}

# ---------------------------------------------------------------- reporting
# status_line SERVICE [--check]: one table row. With --check, also verify health
# (slower for Kafka: it starts a JVM to list topics).
status_header() { printf '%-14s %-10s %-22s %-10s %-8s %s\n' SERVICE STATE ADDRESS VERSION PID RSS; }
status_line() {
  local svc=$1 state="stopped" addr version="?" pid="-" rss="-"
  case $svc in
    kafka)
      addr="$KAFKA_HOST:$KAFKA_PORT"; version="$(kafka_version)"
      if pid="$(kafka_pid)"; then
        state="running"; rss="$(rss_of "$pid")"
        kafka_healthy && state="healthy"
      else pid="-"; fi ;;
    elasticsearch)
      addr="$ES_HOST:$ES_PORT"; version="$ES_VERSION"
      if pid="$(es_pid)"; then
        state="running"; rss="$(rss_of "$pid")"
        if es_healthy; then state="healthy"; version="$(es_running_version)"; fi
      else pid="-"; fi ;;
    postgres)
      addr="$PG_HOST:$PG_PORT"
      if pg_ready; then
        state="healthy"; version="$(pg_version)"
        pid="$(pg_pid)" || pid="?"
        [[ $pid =~ ^[0-9]+$ ]] && rss="$(rss_of "$pid")"
      fi ;;
  esac
  printf '%-14s %-10s %-22s %-10s %-8s %s\n' "$svc" "$state" "$addr" "${version:-?}" "$pid" "$rss"
}
