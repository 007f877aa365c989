package dev.inferplan.runner.jobs;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.inferplan.runner.execution.ExecutionProvider;
import dev.inferplan.runner.scenarios.Scenario;

/**
 * A benchmark job as the runner executes it, leased from the catalog or built by the CLI.
 * {@code sha256} may be empty only for a CLI run (then it is computed and recorded).
 */
public record BenchmarkJob(long id,
                           long modelVersionId,
                           URI artifactUri,
                           String sha256,
                           Scenario scenario,
                           List<Integer> batchSizes,
                           List<Integer> concurrencies,
                           List<Integer> threads,
                           int sequenceLength,
                           Map<String, Long> dimensions,
                           double durationSeconds,
                           double targetQps,
                           double latencyBoundMs,
                           List<ExecutionProvider> providers,
                           boolean allowFallback,
                           int attempt,
                           Tuning tuning) {

    public BenchmarkJob {
        batchSizes = List.copyOf(batchSizes);
        concurrencies = List.copyOf(concurrencies);
        threads = List.copyOf(threads);
        dimensions = Map.copyOf(dimensions);
        providers = List.copyOf(providers);
    }

    /**
     * Departures from the standard rules, recorded with the result: a minimum query count other
     * than MLPerf's (0: MLPerf's), a window other than 5 s (0: 5 s), a warm-up other than 2 s (-1: 2 s).
     */
    public record Tuning(long minQueries, double windowSeconds, double warmupSeconds) {
        public static final Tuning STANDARD = new Tuning(0, 0, -1);
    }
}
