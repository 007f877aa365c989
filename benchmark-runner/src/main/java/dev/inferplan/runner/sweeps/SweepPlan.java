package dev.inferplan.runner.sweeps;

import java.util.ArrayList;
import java.util.List;

import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;

/**
 * The points of a sweep, batch size × concurrency × intra-op threads (perf_analyzer / Model
 * Analyzer's brute search, within its bounds: batch 1–128… we allow up to 1024, concurrency up to
 * 1024), ordered so one session (one thread count) serves consecutive points. A sweep that cannot
 * be run is refused before anything is loaded, with the reason.
 */
public record SweepPlan(Scenario scenario, List<SweepPoint> points) {

    public static final int MAX_BATCH = 1024;
    public static final int MAX_CONCURRENCY = 1024;
    public static final int MAX_THREADS = 256;
    public static final int MAX_POINTS = 256;

    public SweepPlan {
        points = List.copyOf(points);
    }

    public static SweepPlan of(Scenario scenario, List<Integer> batchSizes, List<Integer> concurrencies,
                               List<Integer> threads, double durationSeconds, double targetQps, double latencyBoundMs) {
        List<Integer> batches = batchSizes.isEmpty() ? List.of(scenario == Scenario.MULTI_STREAM ? 8 : 1) : batchSizes;
        List<Integer> streams = concurrencies.isEmpty() ? List.of(1) : concurrencies;
        List<Integer> threadCounts = threads.isEmpty() ? List.of(0) : threads;
        check(!(durationSeconds > 0), "the duration must be above 0 s, got " + durationSeconds);
        for (int b : batches) {
            check(b < 1 || b > MAX_BATCH, "batch size " + b + " is outside 1–" + MAX_BATCH);
        }
        for (int c : streams) {
            check(c < 1 || c > MAX_CONCURRENCY, "concurrency " + c + " is outside 1–" + MAX_CONCURRENCY);
        }
        for (int t : threadCounts) {
            check(t < 0 || t > MAX_THREADS, "intra-op threads " + t + " is outside 0–" + MAX_THREADS + " (0: runtime default)");
        }
        switch (scenario) {
            case SINGLE_STREAM -> check(!batches.equals(List.of(1)) || !streams.equals(List.of(1)),
                    "SingleStream issues one sample at a time from one stream: batch sizes and concurrencies must be [1], got "
                            + batches + " × " + streams);
            case MULTI_STREAM -> check(!streams.equals(List.of(1)),
                    "MultiStream is one stream of multi-sample queries: concurrency must be [1], got " + streams);
            case SERVER -> check(!(targetQps > 0) && !(latencyBoundMs > 0),
                    "the Server scenario needs a target QPS, or a latency bound to search the highest QPS under it");
            case OFFLINE -> { }
        }
        long count = (long) batches.size() * streams.size() * threadCounts.size();
        check(count > MAX_POINTS, "the sweep has " + count + " points, at most " + MAX_POINTS + " are run");
        List<SweepPoint> points = new ArrayList<>();
        for (int t : threadCounts) {
            for (int b : batches) {
                for (int c : streams) {
                    points.add(new SweepPoint(b, c, t));
                }
            }
        }
        return new SweepPlan(scenario, points);
    }

    private static void check(boolean impossible, String reason) {
        if (impossible) {
            throw new BenchmarkFailure(Kind.IMPOSSIBLE_SWEEP, reason);
        }
    }
}
