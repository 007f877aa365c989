#!/usr/bin/env bash
# The gateway's overhead (issue 16): the same request straight to a service and through the gateway, in
# the same run. pricing-service (H2 in memory, no seed) answers GET /api/pricing/offers?limit=1.
#  1. open loop at QPS req/s (default 500) for DURATION s (default 60), latency from the scheduled send
#     (bench/OpenLoopLoad.java): direct, then through the gateway; the overhead is the difference.
#  2. CONNECTIONS connections at once (default 64) for DURATION s through the gateway, closed loop
#     (bench/ConcurrentLoad.java): every answer must be a 200.
#  3. the dashboard's first page load in headless Chromium, navigation timing (bench/PageLoad.java), RUNS runs.
# Usage: bench/gateway-overhead.sh     (DURATION=5 for a quick try; the figures need an idle machine)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bin/lib/jdk.sh
inferplan_use_jdk >/dev/null
for module in pricing-service gateway; do
  [[ -f $module/target/$module.jar ]] || ./mvnw -q -B -DskipTests package -pl $module -am
done
LIBS="gateway/target/libs/*"
QPS=${QPS:-500}
SECONDS_RUN=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-64}
RUNS=${RUNS:-5}
PRICING_PORT=${PRICING_PORT:-18082}
GATEWAY_PORT=${GATEWAY_PORT:-18080}
WORK=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"

java -cp gateway/target/gateway.jar dev.inferplan.platform.security.TokenCommand keygen "$WORK/jwt" >/dev/null
# one caller, with a rate limit above the load (the limit is not what is measured)
TOKEN=$(java -cp gateway/target/gateway.jar dev.inferplan.platform.security.TokenCommand token "$WORK/jwt" --role viewer)
COMMON=(-Dmp.jwt.verify.publickey.location="$WORK/jwt/public.pem" -DObjectStoreEnvironmentBean.objectStoreDir="$WORK/narayana"
        -Dcom.arjuna.ats.arjuna.objectstore.objectStoreDir="$WORK/narayana")
java -Xmx512m "${COMMON[@]}" -Dserver.port=$PRICING_PORT -DDB_URL="jdbc:h2:mem:bench;MODE=MariaDB;DATABASE_TO_LOWER=TRUE" \
     -Dpricing.seed.enabled=false -jar pricing-service/target/pricing-service.jar >"$WORK/pricing.log" 2>&1 &
PIDS+=($!)
java -Xmx256m "${COMMON[@]}" -Dserver.port=$GATEWAY_PORT -Dinferplan.services.pricing=http://127.0.0.1:$PRICING_PORT \
     -Dgateway.rate-limit.viewer.per-second=100000 -Dgateway.rate-limit.viewer.burst=100000 \
     -jar gateway/target/gateway.jar >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
for port in $PRICING_PORT $GATEWAY_PORT; do
  until curl -sf -o /dev/null "http://localhost:$port/health/ready"; do sleep 0.5; done
done

PATH_Q="/api/pricing/offers?limit=1"
date +%T; echo "--- warm-up: both at $((QPS / 4)) req/s for 15 s (not reported)"
for port in $PRICING_PORT $GATEWAY_PORT; do
  java -cp "$LIBS" bench/OpenLoopLoad.java "http://localhost:$port$PATH_Q" "$((QPS / 4))" 15 "$TOKEN" 1 >/dev/null 2>&1
done
echo "--- open loop at $QPS req/s for $SECONDS_RUN s, GET $PATH_Q"
echo "  direct (pricing-service):"
java -cp "$LIBS" bench/OpenLoopLoad.java "http://localhost:$PRICING_PORT$PATH_Q" "$QPS" "$SECONDS_RUN" "$TOKEN" 5 2>/dev/null | sed 's/^/    /'
echo "  through the gateway:"
java -cp "$LIBS" bench/OpenLoopLoad.java "http://localhost:$GATEWAY_PORT$PATH_Q" "$QPS" "$SECONDS_RUN" "$TOKEN" 5 2>/dev/null | sed 's/^/    /'

echo "--- $CONNECTIONS connections for $SECONDS_RUN s through the gateway (closed loop)"
java -cp "$LIBS" bench/ConcurrentLoad.java "http://localhost:$GATEWAY_PORT$PATH_Q" "$CONNECTIONS" "$SECONDS_RUN" "$TOKEN" 2>/dev/null | sed 's/^/    /'

echo "--- the dashboard's first page load (headless Chromium, navigation timing), $RUNS fresh browsers"
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  CP=$(./mvnw -q -B -o dependency:build-classpath -pl gateway -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
  java -cp "$CP" bench/PageLoad.java "http://localhost:$GATEWAY_PORT/" "$RUNS" 2>/dev/null | sed 's/^/    /'
else
  echo "    skipped: chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
fi
