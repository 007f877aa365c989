#!/usr/bin/env bash
# Measures the suite's start-up on this machine: each service's time from launch to a 200 on
# /health/ready (all five launched together, as bin/suite up does), and the whole suite's,
# over N cold starts (default 3). The H2 files are kept between runs (a warm database, as on
# a developer's second start); pass --fresh to delete ./data before each run.
# Usage: bench/startup.sh [RUNS] [--fresh]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
runs=${1:-3}
fresh=false
[[ "${2:-}" == "--fresh" || "${1:-}" == "--fresh" ]] && fresh=true
[[ "$runs" =~ ^[0-9]+$ ]] || runs=3

bin/suite down >/dev/null
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for i in $(seq 1 "$runs"); do
    $fresh && rm -rf data
    echo "--- run $i"
    bin/suite up | grep -E 'ready in|total' | sed 's/openapi: [^ ]* //'
    bin/suite down >/dev/null
done

# Baseline in the same run: each service started alone on an idle machine (what the contention
# of starting five JVMs on two cores costs).
source bin/lib/jdk.sh
inferplan_use_jdk >/dev/null
bin/suite token --role viewer >/dev/null 2>&1   # ensures var/jwt exists
echo "--- baseline: each service alone"
for spec in catalog-service:8081 pricing-service:8082 recommender-service:8083 benchmark-runner:8084 gateway:8080; do
    svc=${spec%%:*}; port=${spec##*:}
    start=$(date +%s%N)
    java -Xmx384m -Dserver.port="$port" -Dmp.jwt.verify.publickey.location="$ROOT/var/jwt/public.pem" \
        -DObjectStoreEnvironmentBean.objectStoreDir="$ROOT/var/narayana/$svc" \
        -Dcom.arjuna.ats.arjuna.objectstore.objectStoreDir="$ROOT/var/narayana/$svc" \
        -jar "$svc/target/$svc.jar" >/dev/null 2>&1 &
    pid=$!
    until curl -sf -o /dev/null "http://localhost:$port/health/ready"; do sleep 0.1; done
    printf '  %-20s ready in %.1fs\n' "$svc" "$(echo "($(date +%s%N) - $start) / 1000000000" | bc -l)"
    kill "$pid"; wait "$pid" 2>/dev/null || true
done
