#!/usr/bin/env bash
# The Server scenario's scheduling precision (docs/benchmarks.md): generator settings in alternation
# (A B A B …) on the int8 or fp32 all-MiniLM-L6-v2, at half the bare capacity; achieved vs target QPS
# (within 1%) and the generator's scheduling error p99 (<= 200 µs), medians per setting.
# Usage: bench/server-precision.sh [MODEL=int8|fp32] [THREADS=2] [SECONDS=15] [ROUNDS=3] [SETTINGS=120:0,200:1]
#   SETTINGS: SPIN_US:RT_PRIORITY pairs; 120:0 is the generator before the real-time priority, 200:1 the default.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bin/lib/jdk.sh
source bench/lib/runner-model.sh
inferplan_use_jdk >/dev/null

which=${1:-int8} threads=${2:-2} seconds=${3:-15} rounds=${4:-3} settings=${5:-120:0,200:1}
runner_model "$which"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "model $which ($entry), batch 1, sequence 128, $threads intra-op threads, settings $settings, $rounds rounds"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp benchmark-runner/target/benchmark-runner.jar \
    bench/ServerPrecision.java "$model" "$threads" 1 128 "$seconds" "$rounds" 0.5 "$settings" 2>/dev/null
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
