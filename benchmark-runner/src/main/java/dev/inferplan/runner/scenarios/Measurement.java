package dev.inferplan.runner.scenarios;

import java.util.List;

import dev.inferplan.contracts.benchmarks.MeasurementStatus;
import dev.inferplan.contracts.benchmarks.Scenario;

/**
 * What one point measured. {@code latencyMs} is from the scheduled arrival for Server (from
 * issue otherwise); {@code serviceMs} is from the moment a worker took the query (Server only),
 * so the two side by side show how much was queueing. {@code throughputPerS} counts samples.
 * Server only: the generator's lag (issue − scheduled time) at p99 and max, and the scheduling
 * policy it ran under ({@link GeneratorScheduling}). {@code latencyHistogram}: every query's
 * latency in nanoseconds, HdrHistogram's compressed encoding, so that others can compose
 * distributions from it. {@code valid}: the run rules held (whatever the windows did).
 */
public record Measurement(Scenario scenario,
                          int batchSize,
                          int concurrency,
                          long queries,
                          long samples,
                          long errors,
                          String firstError,
                          double durationSeconds,
                          double throughputPerS,
                          LatencySummary latencyMs,
                          LatencySummary serviceMs,
                          double targetQps,
                          double achievedQps,
                          double generatorLagP99Us,
                          double generatorLagMaxUs,
                          String generatorScheduling,
                          List<Window> windows,
                          boolean stable,
                          boolean valid,
                          List<String> invalidReasons,
                          byte[] latencyHistogram) {

    public Measurement {
        windows = List.copyOf(windows);
        invalidReasons = List.copyOf(invalidReasons);
    }

    /** VALID, INVALID (a rule failed) or UNSTABLE (valid, but windows never agreed within the tolerance). */
    public MeasurementStatus status() {
        return MeasurementStatus.of(valid, stable);
    }

    public String invalidReason() {
        return invalidReasons.isEmpty() ? null : String.join("; ", invalidReasons);
    }
}
