package dev.inferplan.recommender.snapshots;

import java.util.List;

import dev.inferplan.contracts.benchmarks.LatencyPercentile;

/**
 * One benchmark result the catalog holds for a model version: a measured point from a runner pool or
 * a published figure, with the pool's hardware (accelerator id, "cpu" for CPU-only, and count) and the
 * instance types the pool declares it stands for ("aws/c7i.large").
 */
public record Evidence(long resultId, long modelVersionId, String pool, String accelerator, int acceleratorCount,
                       String scenario, int batchSize, int concurrency, double throughputPerS, Latencies latencyMs,
                       boolean valid, String executionProvider, String provenance, String source,
                       List<String> instanceTypes) {

    public static final String MEASURED = "MEASURED";
    public static final String PUBLISHED = "PUBLISHED";
    public static final String CPU = "cpu";

    public Evidence {
        instanceTypes = instanceTypes == null ? List.of() : List.copyOf(instanceTypes);
    }

    public boolean published() {
        return PUBLISHED.equals(provenance);
    }

    public boolean onCpu() {
        return CPU.equals(accelerator);
    }

    public double latencyAt(LatencyPercentile percentile) {
        return latencyMs.at(percentile);
    }

    /** Latency in milliseconds at each percentile a result reports (0 when unknown). */
    public record Latencies(double p50, double p90, double p95, double p99) {

        public double at(LatencyPercentile percentile) {
            return switch (percentile) {
                case P50 -> p50;
                case P90 -> p90;
                case P95 -> p95;
                case P99, P999 -> p99;
            };
        }
    }
}
