package dev.inferplan.runner.jobs;

import java.util.List;
import java.util.Map;

import dev.inferplan.runner.hardware.Hardware;
import dev.inferplan.runner.hardware.ResourceSampler.GpuSample;
import dev.inferplan.runner.scenarios.Window;
import dev.inferplan.runner.sweeps.CapacitySearch;

/**
 * One measured point, in the result shape of ARCHITECTURE.md ({@code id, modelVersionId, pool,
 * scenario, batchSize, concurrency, throughputPerS, latencyMs, queries, durationSeconds, valid,
 * invalidReason, executionProvider, ortVersion, hardware}) and everything else MEASUREMENT.md
 * asks to record with it.
 */
public record PointResult(String id,
                          long modelVersionId,
                          String pool,
                          String scenario,
                          int batchSize,
                          int concurrency,
                          int intraOpThreads,
                          double throughputPerS,
                          LatencyMs latencyMs,
                          long queries,
                          long samples,
                          double durationSeconds,
                          boolean valid,
                          String invalidReason,
                          String status,
                          boolean stable,
                          List<Window> windows,
                          long errors,
                          double targetQps,
                          double achievedQps,
                          double generatorLagP99Us,
                          double generatorLagMaxUs,
                          String generatorScheduling,
                          LatencyMs serviceLatencyMs,
                          List<CapacitySearch.Step> capacitySearch,
                          String executionProvider,
                          String providerDecision,
                          String ortVersion,
                          String runnerVersion,
                          String sessionOptions,
                          double sessionCreateMs,
                          double firstInferenceMs,
                          String modelUri,
                          String modelSha256,
                          Integer modelOpset,
                          Map<String, List<Long>> inputShapes,
                          String outputCheck,
                          Long rssBytes,
                          Long peakRssBytes,
                          List<GpuSample> gpu,
                          String rules,
                          Hardware hardware) {

    /** Milliseconds; {@code p999} is p99.9. */
    public record LatencyMs(double p50, double p90, double p95, double p99, double p999, double max, double mean) {
    }
}
