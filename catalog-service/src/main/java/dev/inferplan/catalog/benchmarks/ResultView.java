package dev.inferplan.catalog.benchmarks;

import java.io.StringReader;
import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * A benchmark result in the contract's shape (ARCHITECTURE.md), plus its provenance; a measured one
 * also names its job, intra-op threads, target and achieved QPS and the configuration it ran with.
 */
public record ResultView(long id, long modelVersionId, String pool, String scenario, int batchSize, int concurrency,
                         double throughputPerS, LatencyMs latencyMs, long queries, double durationSeconds,
                         boolean valid, String invalidReason, String executionProvider, String ortVersion,
                         String hardware, Provenance provenance, Instant createdAt, String createdBy,
                         Long jobId, Integer threads, Double targetQps, Double achievedQps, JsonObject config) {

    public record LatencyMs(Double p50, Double p90, Double p95, Double p99, Double max) {
    }

    public record Provenance(String kind, String source) {
    }

    public static ResultView of(BenchmarkResult r) {
        return new ResultView(r.id(), r.modelVersionId(), r.pool(), r.scenario(), r.batchSize(), r.concurrency(),
                r.throughputPerS(), new LatencyMs(r.latencyP50Ms(), r.latencyP90Ms(), r.latencyP95Ms(),
                r.latencyP99Ms(), r.latencyMaxMs()), r.queries(), r.durationSeconds(), r.valid(), r.invalidReason(),
                r.executionProvider(), r.ortVersion(), r.hardware(),
                new Provenance(r.provenanceKind(), r.provenanceSource()), r.createdAt(), r.createdBy(),
                r.jobId(), r.intraOpThreads(), r.targetQps(), r.achievedQps(), json(r.config()));
    }

    private static JsonObject json(String config) {
        if (config == null || config.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(config))) {
            return reader.readObject();
        }
    }
}
