package dev.inferplan.runner.scenarios;

import java.util.Arrays;
import java.util.Locale;

import dev.inferplan.contracts.benchmarks.MlperfScenario;

/**
 * The four MLPerf Inference LoadGen scenarios, with the minimum query count each needs for its
 * percentile claim (MLPerf's early-stopping bound; Offline counts samples).
 */
public enum Scenario {
    /** Next query when the previous completes, one sample each: p90 latency. */
    SINGLE_STREAM("single-stream"),
    /** Like SingleStream with N samples (default 8) per query: p99 latency per query. */
    MULTI_STREAM("multi-stream"),
    /** Poisson arrivals at a target QPS, latency from the scheduled arrival: p99 against a bound. */
    SERVER("server"),
    /** All samples available at once, batched: samples per second. */
    OFFLINE("offline");

    private final String cliName;

    Scenario(String cliName) {
        this.cliName = cliName;
    }

    /** MLPerf's figures for this scenario (contracts: the one definition runner and catalog share). */
    public MlperfScenario mlperf() {
        return MlperfScenario.valueOf(name());
    }

    public String cliName() {
        return cliName;
    }

    /** MLPerf's minimum: queries, or samples for Offline. */
    public long mlperfMinQueries() {
        return mlperf().minQueries();
    }

    public double metricPercentile() {
        return mlperf().percentile();
    }

    /** True when the minimum counts samples rather than queries. */
    public boolean countsSamples() {
        return mlperf().countsSamples();
    }

    /** Accepts the API's {@code SINGLE_STREAM} and the CLI's {@code single-stream}. */
    public static Scenario parse(String text) {
        String normalized = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(s -> s.name().equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + text
                        + "'; expected offline, server, single-stream or multi-stream"));
    }
}
