package dev.inferplan.runner.jobs;

import java.util.List;
import java.util.Map;

import dev.inferplan.runner.execution.ProviderDecision;
import dev.inferplan.runner.hardware.GpuUsage;
import dev.inferplan.runner.hardware.Hardware;
import dev.inferplan.runner.hardware.ResourceSampler.GpuSample;
import dev.inferplan.runner.scenarios.Window;
import dev.inferplan.runner.sweeps.CapacitySearch;

/**
 * One measured point, in the result shape of docs/architecture.md ({@code id, modelVersionId, pool,
 * scenario, batchSize, concurrency, throughputPerS, latencyMs, queries, durationSeconds, valid,
 * invalidReason, executionProvider, ortVersion, hardware}) and everything else docs/measurement.md
 * asks to record with it. {@code valid} is true only when {@code status} is VALID (never for an
 * UNSTABLE or INVALID point); {@code mlperfCompliant} says apart whether the run followed MLPerf's
 * rules, {@code mlperfRuleBroken} which it did not; {@code gpu} is the last window's sample and
 * {@code gpuSummary} every sample of the run per GPU; {@code latencyHistogram} is every query's latency
 * in nanoseconds, HdrHistogram's compressed encoding in base64; {@code provider} the decision behind
 * {@code executionProvider}, which {@code providerDecision} puts in words.
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
                          List<GpuUsage.Summary> gpuSummary,
                          String rules,
                          Hardware hardware,
                          boolean mlperfCompliant,
                          String mlperfRuleBroken,
                          String latencyHistogram,
                          ProviderDecision provider) {

    /** Milliseconds; {@code p999} is p99.9. */
    public record LatencyMs(double p50, double p90, double p95, double p99, double p999, double max, double mean) {
    }
}
