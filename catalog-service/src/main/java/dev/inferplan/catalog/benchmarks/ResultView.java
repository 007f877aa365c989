package dev.inferplan.catalog.benchmarks;

import java.io.StringReader;
import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * A benchmark result in the contract's shape (docs/architecture.md), plus its provenance; a measured one
 * also names its job, intra-op threads, target and achieved QPS and the configuration it ran with
 * (per point: windows, stability, RSS, GPU summaries, generator lag and scheduling, output check,
 * capacity-search steps, the provider decision and session options), its status and whether it
 * followed MLPerf's rules ({@code mlperfRuleBroken}: which it did not).
 */
public record ResultView(long id, long modelVersionId, String pool, String scenario, int batchSize, int concurrency,
                         double throughputPerS, LatencyMs latencyMs, long queries, double durationSeconds,
                         boolean valid, String invalidReason, String executionProvider, String ortVersion,
                         String hardware, Provenance provenance, Instant createdAt, String createdBy,
                         Long jobId, Integer threads, Double targetQps, Double achievedQps, JsonObject config,
                         String status, Boolean mlperfCompliant, String mlperfRuleBroken) {

    /**
     * Whether this result counts as VALID evidence for the benchmark gate and the model card: valid
     * (status VALID), and, when measured, run by MLPerf's rules. A quick look (fewer queries, shorter
     * windows) may be valid under its own job's rules and is still not counted.
     */
    public boolean countsAsValid() {
        return valid && ("PUBLISHED".equals(provenance.kind()) || Boolean.TRUE.equals(mlperfCompliant));
    }

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
                r.jobId(), r.intraOpThreads(), r.targetQps(), r.achievedQps(), json(r.config()),
                r.status() != null ? r.status() : r.valid() ? "VALID" : "INVALID", r.mlperfCompliant(), r.mlperfRuleBroken());
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
