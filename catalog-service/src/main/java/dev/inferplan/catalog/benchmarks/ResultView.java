package dev.inferplan.catalog.benchmarks;

import java.time.Instant;

/** A benchmark result in the contract's shape (ARCHITECTURE.md), plus its provenance. */
public record ResultView(long id, long modelVersionId, String pool, String scenario, int batchSize, int concurrency,
                         double throughputPerS, LatencyMs latencyMs, long queries, double durationSeconds,
                         boolean valid, String invalidReason, String executionProvider, String ortVersion,
                         String hardware, Provenance provenance, Instant createdAt, String createdBy) {

    public record LatencyMs(Double p50, Double p90, Double p95, Double p99, Double max) {
    }

    public record Provenance(String kind, String source) {
    }

    public static ResultView of(BenchmarkResult r) {
        return new ResultView(r.id(), r.modelVersionId(), r.pool(), r.scenario(), r.batchSize(), r.concurrency(),
                r.throughputPerS(), new LatencyMs(r.latencyP50Ms(), r.latencyP90Ms(), r.latencyP95Ms(),
                r.latencyP99Ms(), r.latencyMaxMs()), r.queries(), r.durationSeconds(), r.valid(), r.invalidReason(),
                r.executionProvider(), r.ortVersion(), r.hardware(),
                new Provenance(r.provenanceKind(), r.provenanceSource()), r.createdAt(), r.createdBy());
    }
}
