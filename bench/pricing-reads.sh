#!/usr/bin/env bash
# Price-book reads under open-loop load (issue 14 §4), over the full seeded book on MariaDB: the four
# SkyPilot catalogs (AWS, GCP, Azure, Vast; ~176k offers with GCP's deployable configurations) imported
# through the REST API into a fresh database, then each query at a fixed rate (bench/OpenLoopLoad.java:
# latency from the scheduled send, no coordinated omission), with /health/live at the same rate in the
# same run as the server's own floor.
# Targets: cheapest per accelerator ≥ 2,000 req/s with p99 ≤ 10 ms; the filtered list ≥ 500 req/s with
# p99 ≤ 20 ms. A run is only a figure on an idle machine (docs/benchmarks.md).
# Usage: bench/pricing-reads.sh    (needs MariaDB at 127.0.0.1:3306, root, empty password)
#   CHEAPEST_QPS (2000), LIST_QPS (500), SECONDS_PER_QUERY (30), WARMUP_SECONDS (10)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bin/lib/jdk.sh
inferplan_use_jdk >/dev/null
JAR=pricing-service/target/pricing-service.jar
[[ -f $JAR ]] || ./mvnw -q -B -DskipTests install -pl pricing-service -am
LIBS="pricing-service/target/libs/*"
PORT=${BENCH_PORT:-18083}
CHEAPEST_QPS=${CHEAPEST_QPS:-2000}
LIST_QPS=${LIST_QPS:-500}
SECONDS_PER_QUERY=${SECONDS_PER_QUERY:-30}
WARMUP_SECONDS=${WARMUP_SECONDS:-10}
DB=inferplan_bench_pricing_reads
SEED=$ROOT/pricing-service/src/main/resources/seed/skypilot
WORK=$(mktemp -d)
PID=
trap '[[ -n $PID ]] && kill $PID 2>/dev/null && wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
HDR=$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar
[[ -f $HDR ]] || ./mvnw -q dependency:get -Dartifact=org.hdrhistogram:HdrHistogram:2.2.2
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)," \
     "MariaDB $(mariadb -h127.0.0.1 -uroot -N -e 'SELECT VERSION()'), load average $(cut -d' ' -f1-3 /proc/loadavg)"

java -cp "$JAR" dev.inferplan.platform.security.TokenCommand keygen "$WORK/jwt" >/dev/null
ADMIN=$(java -cp "$JAR" dev.inferplan.platform.security.TokenCommand token "$WORK/jwt" --role admin)
VIEWER=$(java -cp "$JAR" dev.inferplan.platform.security.TokenCommand token "$WORK/jwt" --role viewer)
mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"

java -Xmx1g ${SERVICE_OPTS:-} -Dserver.port=$PORT -DDB_URL="jdbc:mariadb://127.0.0.1:3306/$DB" -DDB_USER=root -DDB_PASSWORD= \
     -Dpricing.seed.enabled=false -Dpricing.imports.allowed-roots="$SEED" \
     -Dmp.jwt.verify.publickey.location="$WORK/jwt/public.pem" \
     -DObjectStoreEnvironmentBean.objectStoreDir="$WORK/narayana" \
     -Dcom.arjuna.ats.arjuna.objectstore.objectStoreDir="$WORK/narayana" \
     -jar "$JAR" >"$WORK/pricing.log" 2>&1 &
PID=$!
until curl -sf -o /dev/null "http://localhost:$PORT/health/live"; do sleep 0.5; done

echo "--- the full book: the four seeded catalogs, imported leniently"
for provider in aws gcp azure vast; do
  file=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "file:$SEED/${provider}_vms.csv")
  curl -sf -X POST -H "Authorization: Bearer $ADMIN" -H "Content-Type: text/csv" --data-binary "" \
    "http://localhost:$PORT/api/pricing/imports?format=skypilot&provider=$provider&mode=lenient&wait=true&url=$file" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); print("  %-6s %s, %d offers from the file" % (r["provider"], r["status"], r["offersCreated"]))'
done
mariadb -h127.0.0.1 -uroot -N -e "ANALYZE TABLE $DB.price_offer" >/dev/null
mariadb -h127.0.0.1 -uroot -N -e "SELECT CONCAT('  in the book: ', COUNT(*), ' offers (', SUM(offer_kind = 'CONFIGURATION'),
  ' configurations, ', SUM(offer_kind IN ('ATTACHABLE_ACCELERATOR', 'HOST')), ' parts)') FROM $DB.price_offer o
  JOIN $DB.price_book_version v ON v.id = o.version_id WHERE v.superseded_at IS NULL"
until curl -sf -o /dev/null "http://localhost:$PORT/health/ready"; do sleep 0.5; done   # the cheapest copy is warm

CHEAPEST="/api/pricing/offers/cheapest?purchaseOption=ON_DEMAND"
LISTS=("/api/pricing/offers?minVcpus=0&limit=100"
       "/api/pricing/offers?accelerator=nvidia-h100-80gb&purchaseOption=ON_DEMAND&limit=20"
       "/api/pricing/offers?provider=gcp&region=us-central1&minVcpus=8&sort=perVcpuHourUsd&limit=50"
       "/api/pricing/offers?accelerator=nvidia-l4&accelerator=nvidia-t4&minMemoryGib=32&maxHourlyUsd=5&sort=perAcceleratorHourUsd&limit=100")
load() {   # load PATH RATE
  echo "  GET $1 at $2 req/s"
  java -cp "$HDR" bench/OpenLoopLoad.java "http://localhost:$PORT$1" "$2" "$SECONDS_PER_QUERY" "$VIEWER" "$WARMUP_SECONDS" \
    | sed 's/^/    /'
}
echo "--- open loop for $SECONDS_PER_QUERY s each after $WARMUP_SECONDS s of warm-up at the same rate"
load /health/live "$CHEAPEST_QPS"
load "$CHEAPEST" "$CHEAPEST_QPS"
load /health/live "$LIST_QPS"
for path in "${LISTS[@]}"; do
  load "$path" "$LIST_QPS"
done
echo "--- one page deep in the broad list (keyset): the 10th page of minVcpus=0, limit 100"
next=""
for page in $(seq 1 10); do
  answer=$(curl -sf -H "Authorization: Bearer $VIEWER" "http://localhost:$PORT/api/pricing/offers?minVcpus=0&limit=100${next:+&after=$next}")
  next=$(python3 -c 'import json,sys; print(json.load(sys.stdin).get("next") or "")' <<<"$answer")
done
curl -s -o /dev/null -w '  page 11: %{http_code} in %{time_total} s\n' -H "Authorization: Bearer $VIEWER" \
  "http://localhost:$PORT/api/pricing/offers?minVcpus=0&limit=100&after=$next"
