#!/usr/bin/env bash
# One recommendation under open-loop load (issue 12; targets: p99 ≤ 25 ms and ≥ 1,000 recommendations/s
# on the full seeded price book and the seeded catalog), with /health/live at the same rate as the
# baseline of the same run, and the cost against the number of candidates: the recommender's snapshot
# holds the book 1×, 4× and 16× (recommender.bench.offer-copies: each offer copied into regions
# "<region>~k", a benchmark knob only).
# The generator (bench/OpenLoopLoad.java) is a second process; latency is measured from each request's
# scheduled send time. The answer's own timings (snapshot, candidates, ranking, frontier, sensitivity)
# are printed from one warm request per run: the time split.
# Catalog and pricing store in MariaDB (127.0.0.1:3306, root, empty password; databases
# inferplan_bench_recommender_*), as the other benchmarks: the seed's large imports in H2 files failed
# under load on the shared machine (the transaction timeout interrupts H2's file channel).
# Usage: bench/recommender-load.sh      RATE (default 1000) req/s for SECONDS (default 30) per run;
#        COPIES="1 4 16"; REQUEST=file.json to post another request (default: below).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bin/lib/jdk.sh
inferplan_use_jdk >/dev/null
for module in catalog-service pricing-service recommender-service; do
  [[ -f $module/target/$module.jar ]] || ./mvnw -q -B -DskipTests install -pl $module -am
done
RATE=${RATE:-1000}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-30}
COPIES=${COPIES:-"1 4 16"}
CATALOG_PORT=${CATALOG_PORT:-18181}
PRICING_PORT=${PRICING_PORT:-18182}
RECOMMENDER_PORT=${RECOMMENDER_PORT:-18183}
WORK=$(mktemp -d)
PIDS=()
# a killed service's wait returns 143: under set -e that ended the trap at the first one and left the others running
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
HDR=$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar
[[ -f $HDR ]] || HDR=$(ls recommender-service/target/libs/HdrHistogram-*.jar catalog-service/target/libs/HdrHistogram-*.jar 2>/dev/null | head -1)
[[ -f $HDR ]] || { ./mvnw -q dependency:get -Dartifact=org.hdrhistogram:HdrHistogram:2.2.2; HDR=$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar; }
JAR=recommender-service/target/recommender-service.jar
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"

java -cp "$JAR" dev.inferplan.platform.security.TokenCommand keygen "$WORK/jwt" >/dev/null
TEAM=$(java -cp "$JAR" dev.inferplan.platform.security.TokenCommand token "$WORK/jwt" --role team)
JWT_OPTS=(-Dmp.jwt.verify.publickey.location="$WORK/jwt/public.pem" -Dmp.jwt.verify.issuer=inferplan-local)

start() {   # module port extra-options...
  local module=$1 port=$2; shift 2
  local heap=-Xmx1g
  [[ $module == recommender-service ]] && heap=-Xmx${RECOMMENDER_HEAP:-3g}   # 16× the book is ~2.8 M offers
  mkdir -p "$WORK/$module"
  (cd "$WORK/$module" && exec java $heap "${JWT_OPTS[@]}" -Dserver.port="$port" \
       -DObjectStoreEnvironmentBean.objectStoreDir="$WORK/$module/narayana" \
       -Dcom.arjuna.ats.arjuna.objectstore.objectStoreDir="$WORK/$module/narayana" \
       "$@" -jar "$ROOT/$module/target/$module.jar" >"$WORK/$module.log" 2>&1) &
  PIDS+=($!)
  until curl -sf -o /dev/null "http://localhost:$port/health/ready"; do
    kill -0 "${PIDS[-1]}" 2>/dev/null || { tail -20 "$WORK/$module.log"; exit 1; }
    sleep 0.5
  done
}

echo "--- seeding: catalog (seed catalog) and pricing (every bundled price list), MariaDB"
for db in catalog pricing; do
  mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS inferplan_bench_recommender_$db;
    CREATE DATABASE inferplan_bench_recommender_$db CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
done
start catalog-service "$CATALOG_PORT" -DDB_URL=jdbc:mariadb://127.0.0.1:3306/inferplan_bench_recommender_catalog \
      -DDB_USER=root -DDB_PASSWORD=
start pricing-service "$PRICING_PORT" -DDB_URL=jdbc:mariadb://127.0.0.1:3306/inferplan_bench_recommender_pricing \
      -DDB_USER=root -DDB_PASSWORD=
# the pricing seed imports in the background: wait for a version of each provider of its manifest
PROVIDERS=$(tail -n +2 pricing-service/src/main/resources/seed/manifest.csv | cut -d, -f2 | sort -u | wc -l)
until [[ $(curl -sf -H "Authorization: Bearer $TEAM" "http://localhost:$PRICING_PORT/api/pricing/versions" \
          | grep -o '"provider"' | wc -l) -ge $PROVIDERS ]]; do
  if grep -q "seed: .* failed" "$WORK/pricing-service.log"; then grep -A3 "seed: .* failed" "$WORK/pricing-service.log"; exit 1; fi
  sleep 2
done
echo "  offers: $(curl -sf -H "Authorization: Bearer $TEAM" "http://localhost:$PRICING_PORT/api/pricing/offers?limit=1" \
          | grep -o '"total":[0-9]*')"

REQUEST=${REQUEST:-$WORK/request.json}
[[ -f $REQUEST ]] || cat >"$REQUEST" <<'JSON'
{"task": "image-classification",
 "quality": {"metric": "top1", "min": 75.0},
 "latency": {"percentile": "p99", "maxMs": 100},
 "traffic": {"avgQps": 200, "peakQps": 600, "profile": "autoscaled"},
 "budget": {"monthlyUsd": "20000.00"},
 "constraints": {"statuses": ["APPROVED", "IN_REVIEW", "PROPOSED"], "spot": "mixed"},
 "evidence": "WITH_PUBLISHED",
 "ranking": {"mode": "LOWEST_COST"}, "limit": 20}
JSON

for copies in $COPIES; do
  echo "--- offers ×$copies"
  start recommender-service "$RECOMMENDER_PORT" -Dcatalog.grpc.uri="http://localhost:$CATALOG_PORT" \
        -Dpricing.grpc.uri="http://localhost:$PRICING_PORT" -Drecommender.bench.offer-copies="$copies"
  for _ in 1 2 3; do   # the first loads the snapshot; the last shows a warm request's time split
    curl -sf -o "$WORK/answer.json" -H "Authorization: Bearer $TEAM" -H 'Content-Type: application/json' \
         --data-binary @"$REQUEST" "http://localhost:$RECOMMENDER_PORT/api/recommendations"
  done
  python3 - "$WORK/answer.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
print(f"  candidates {a['candidates']}, plans {len(a['plans'])}, rejected {a['rejectedCandidates']}, "
      f"frontier {len(a['frontier'])}; timings ms {a['timings']}")
PY
  echo "  baseline GET /health/live:"
  java -cp "$HDR" bench/OpenLoopLoad.java "http://localhost:$RECOMMENDER_PORT/health/live" "$RATE" "$SECONDS_PER_RUN" "$TEAM" 5 | sed 's/^/    /'
  echo "  POST /api/recommendations:"
  java -Dbody="$REQUEST" -cp "$HDR" bench/OpenLoopLoad.java "http://localhost:$RECOMMENDER_PORT/api/recommendations" \
       "$RATE" "$SECONDS_PER_RUN" "$TEAM" 5 | sed 's/^/    /'
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
  unset 'PIDS[-1]'
done
