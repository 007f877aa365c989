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
