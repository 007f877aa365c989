#!/usr/bin/env bash
# The runner's measurement overhead, its distance from native ONNX Runtime, and the Server scenario's
# precision (docs/benchmarks.md), in one JVM (bench/RunnerOverhead.java):
#   ROUNDS rounds of three SECONDS-long slices in rotating order: a bare OrtSession.run loop, the
#   runner's Offline path on the same session, inputs and threads (target: runner >= 98% of bare),
#   and onnxruntime-node on the same model file and threads in a child process that stays up
#   (target: runner within 5% of native); verdicts are medians of per-round ratios with a 95% CI;
#   then the Server scenario at half the measured capacity: achieved vs target QPS (within 1%)
#   and the generator's scheduling error p99 (<= 200 µs).
# Usage: bench/runner-overhead.sh [MODEL=int8|fp32] [BATCH=1] [SEQ=128] [THREADS=2] [SECONDS=3] [ROUNDS=18]
# SERVER_SPIN_US and SERVER_RT_PRIORITY override the Server generator's defaults (200 µs, SCHED_FIFO 1; 0: off).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bin/lib/jdk.sh
source bench/lib/runner-model.sh
inferplan_use_jdk >/dev/null

which=${1:-int8} batch=${2:-1} seq=${3:-128} threads=${4:-2} seconds=${5:-3} rounds=${6:-18}
runner_model "$which"

if [[ ! -d bench/node/node_modules/onnxruntime-node ]]; then
    # without the variable, its install script fetches CUDA binaries from a host outside the registry
    (cd bench/node && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund >/dev/null)
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "model $which ($entry), batch $batch, sequence $seq, $threads intra-op threads, ${seconds} s slices, $rounds rounds"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp benchmark-runner/target/benchmark-runner.jar \
    bench/RunnerOverhead.java "$model" "$threads" "$batch" "$seq" "$seconds" "$rounds" 0.5
