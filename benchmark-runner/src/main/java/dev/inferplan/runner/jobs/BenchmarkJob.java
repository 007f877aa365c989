package dev.inferplan.runner.jobs;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.execution.ProviderOptions;
import dev.inferplan.runner.fidelity.OutputKind;

/**
 * A benchmark job as the runner executes it, leased from the catalog or built by the CLI.
 * {@code sha256} may be empty only for a CLI run (then it is computed and recorded);
 * {@code artifactSizeBytes} is the size the catalog registered, 0 when unknown (it caps the copy);
 * {@code quickSearch}: hill climbing over the sweep's values ({@code QuickSearch}) instead of every point.
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
                           Tuning tuning,
                           long artifactSizeBytes,
                           ProviderOptions providerOptions,
                           Fidelity fidelity,
                           boolean quickSearch) {

    /** A job with these provider options and fidelity reference (null: a benchmark), measuring the whole grid. */
    public BenchmarkJob(long id, long modelVersionId, URI artifactUri, String sha256, Scenario scenario,
                        List<Integer> batchSizes, List<Integer> concurrencies, List<Integer> threads, int sequenceLength,
                        Map<String, Long> dimensions, double durationSeconds, double targetQps, double latencyBoundMs,
                        List<ExecutionProvider> providers, boolean allowFallback, int attempt, Tuning tuning,
                        long artifactSizeBytes, ProviderOptions providerOptions, Fidelity fidelity) {
        this(id, modelVersionId, artifactUri, sha256, scenario, batchSizes, concurrencies, threads, sequenceLength,
                dimensions, durationSeconds, targetQps, latencyBoundMs, providers, allowFallback, attempt, tuning,
                artifactSizeBytes, providerOptions, fidelity, false);
    }

    /**
     * A fidelity job: this model against its parent ({@code reference}) on the same fixed inputs,
     * instead of a benchmark; the scenario and sweep do not apply.
     */
    public record Fidelity(long referenceVersionId, URI referenceUri, String referenceSha256, long referenceSizeBytes,
                           OutputKind outputKind) {
    }

    /** A benchmark job with these provider options. */
    public BenchmarkJob(long id, long modelVersionId, URI artifactUri, String sha256, Scenario scenario,
                        List<Integer> batchSizes, List<Integer> concurrencies, List<Integer> threads, int sequenceLength,
                        Map<String, Long> dimensions, double durationSeconds, double targetQps, double latencyBoundMs,
                        List<ExecutionProvider> providers, boolean allowFallback, int attempt, Tuning tuning,
                        long artifactSizeBytes, ProviderOptions providerOptions) {
        this(id, modelVersionId, artifactUri, sha256, scenario, batchSizes, concurrencies, threads, sequenceLength,
                dimensions, durationSeconds, targetQps, latencyBoundMs, providers, allowFallback, attempt, tuning,
                artifactSizeBytes, providerOptions, null);
    }

    /** A job with the default provider options. */
    public BenchmarkJob(long id, long modelVersionId, URI artifactUri, String sha256, Scenario scenario,
                        List<Integer> batchSizes, List<Integer> concurrencies, List<Integer> threads, int sequenceLength,
                        Map<String, Long> dimensions, double durationSeconds, double targetQps, double latencyBoundMs,
                        List<ExecutionProvider> providers, boolean allowFallback, int attempt, Tuning tuning,
                        long artifactSizeBytes) {
        this(id, modelVersionId, artifactUri, sha256, scenario, batchSizes, concurrencies, threads, sequenceLength,
                dimensions, durationSeconds, targetQps, latencyBoundMs, providers, allowFallback, attempt, tuning,
                artifactSizeBytes, ProviderOptions.DEFAULT);
    }

    /** A job whose artifact's size is not known. */
    public BenchmarkJob(long id, long modelVersionId, URI artifactUri, String sha256, Scenario scenario,
                        List<Integer> batchSizes, List<Integer> concurrencies, List<Integer> threads, int sequenceLength,
                        Map<String, Long> dimensions, double durationSeconds, double targetQps, double latencyBoundMs,
                        List<ExecutionProvider> providers, boolean allowFallback, int attempt, Tuning tuning) {
        this(id, modelVersionId, artifactUri, sha256, scenario, batchSizes, concurrencies, threads, sequenceLength,
                dimensions, durationSeconds, targetQps, latencyBoundMs, providers, allowFallback, attempt, tuning, 0);
    }

    public BenchmarkJob {
        batchSizes = List.copyOf(batchSizes);
        concurrencies = List.copyOf(concurrencies);
        threads = List.copyOf(threads);
        dimensions = Map.copyOf(dimensions);
        providers = List.copyOf(providers);
        providerOptions = providerOptions == null ? ProviderOptions.DEFAULT : providerOptions;
    }

    /**
     * Departures from the standard rules, recorded with the result: a minimum query count other
     * than MLPerf's (0: MLPerf's), a window other than 5 s (0: 5 s), a warm-up other than 2 s (-1: 2 s).
     */
    public record Tuning(long minQueries, double windowSeconds, double warmupSeconds) {
        public static final Tuning STANDARD = new Tuning(0, 0, -1);
    }
}
