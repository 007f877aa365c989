#!/usr/bin/env bash
# Catalog search latency and the recommender's gRPC stream, with a large catalog in MariaDB:
# VERSIONS model versions (default 10,000) with METRICS_PER_VERSION metrics each (default 10, so
# 100,000 metrics), filled by bench/FillCatalog.java into the schema the service's Flyway made.
# Search: open-loop load at QPS req/s (default 200) for SECONDS s per query (default 30), latency
# from the scheduled send time (bench/OpenLoopLoad.java); baseline /health/live at the same rate.
# Stream: bench/StreamVersions.java times StreamModelVersions (APPROVED, then all statuses).
# Usage: bench/catalog-search.sh        (needs MariaDB at 127.0.0.1:3306, root, empty password)
# SERVICE_OPTS adds JVM options to the service, e.g. the before of docs/benchmarks.md:
#   SERVICE_OPTS=-Dserver.connection-options.tcp-no-delay=false bench/catalog-search.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bin/lib/jdk.sh
inferplan_use_jdk >/dev/null
JAR=catalog-service/target/catalog-service.jar
[[ -f $JAR ]] || ./mvnw -q -B -DskipTests package -pl catalog-service -am
LIBS="catalog-service/target/libs/*"
PORT=${BENCH_PORT:-18081}
VERSIONS=${VERSIONS:-10000}
METRICS_PER_VERSION=${METRICS_PER_VERSION:-10}
QPS=${QPS:-200}
SECONDS_PER_QUERY=${SECONDS_PER_QUERY:-30}
DB=inferplan_bench_catalog
WORK=$(mktemp -d)
PID=
trap '[[ -n $PID ]] && kill $PID 2>/dev/null && wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)," \
     "MariaDB $(mariadb -h127.0.0.1 -uroot -N -e 'SELECT VERSION()'), load average $(cut -d' ' -f1-3 /proc/loadavg)"

java -cp "$JAR" dev.inferplan.platform.security.TokenCommand keygen "$WORK/jwt" >/dev/null
VIEWER=$(java -cp "$JAR" dev.inferplan.platform.security.TokenCommand token "$WORK/jwt" --role viewer)
mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
URL="jdbc:mariadb://127.0.0.1:3306/$DB"

start_service() {
  java -Xmx512m ${SERVICE_OPTS:-} -Dserver.port=$PORT -DDB_URL="$URL" -DDB_USER=root -DDB_PASSWORD= -Dcatalog.seed.enabled=false \
       -Dmp.jwt.verify.publickey.location="$WORK/jwt/public.pem" \
       -DObjectStoreEnvironmentBean.objectStoreDir="$WORK/narayana" \
       -Dcom.arjuna.ats.arjuna.objectstore.objectStoreDir="$WORK/narayana" \
       -jar "$JAR" >"$WORK/catalog.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "http://localhost:$PORT/health/ready"; do sleep 0.5; done
}

start_service   # Flyway makes the schema
echo "--- fill: $VERSIONS versions, $METRICS_PER_VERSION metrics each"
java -cp "$LIBS" bench/FillCatalog.java "$URL?useBulkStmts=true" root "" "$VERSIONS" "$METRICS_PER_VERSION"
mariadb -h127.0.0.1 -uroot -N -e "SELECT CONCAT('  rows: ', (SELECT COUNT(*) FROM $DB.model_version), ' versions (',
  (SELECT COUNT(*) FROM $DB.model_version WHERE status = 'APPROVED'), ' approved), ',
  (SELECT COUNT(*) FROM $DB.quality_metric), ' metrics'); ANALYZE TABLE $DB.model_version, $DB.quality_metric" | head -1

PATHS=("/health/live"
       "/api/catalog/versions?task=image-classification&status=APPROVED&size=20"
       "/api/catalog/versions?metric=top1&minValue=95&sort=-metric&size=20"
       "/api/catalog/versions?task=text-embedding&tier=TIER_1&status=APPROVED&metric=mteb_avg&minValue=80&size=20"
       "/api/catalog/versions?q=bench-family-0042&size=20"
       "/api/catalog/versions?status=PROPOSED&sort=family&page=50&size=20")
# JIT warm-up below the target rate: a cold JVM at 200 req/s queues faster than it drains.
echo "--- warm-up: every query at $((QPS / 4)) req/s for 15 s (not reported)"
for path in "${PATHS[@]}"; do
  java -cp "$LIBS" bench/OpenLoopLoad.java "http://localhost:$PORT$path" "$((QPS / 4))" 15 "$VIEWER" 1 >/dev/null 2>&1
done

echo "--- search, open loop at $QPS req/s for $SECONDS_PER_QUERY s each (latency from the scheduled send), 5 s warm-up"
for path in "${PATHS[@]}"; do
  echo "  GET $path"
  java -cp "$LIBS" bench/OpenLoopLoad.java "http://localhost:$PORT$path" "$QPS" "$SECONDS_PER_QUERY" "$VIEWER" 5 2>/dev/null \
    | sed 's/^/    /'
done

echo "--- gRPC StreamModelVersions (request to last message)"
java -cp "$LIBS" bench/StreamVersions.java "http://localhost:$PORT" "$VIEWER" "${RUNS:-7}" 2>/dev/null
