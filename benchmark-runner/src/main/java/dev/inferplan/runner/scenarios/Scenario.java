package dev.inferplan.runner.scenarios;

import java.util.Arrays;
import java.util.Locale;

/**
 * The four MLPerf Inference LoadGen scenarios, with the minimum query count each needs for its
 * percentile claim (MLPerf's early-stopping bound; Offline counts samples).
 */
public enum Scenario {
    /** Next query when the previous completes, one sample each: p90 latency. */
    SINGLE_STREAM("single-stream", 64, 90.0),
    /** Like SingleStream with N samples (default 8) per query: p99 latency per query. */
    MULTI_STREAM("multi-stream", 662, 99.0),
    /** Poisson arrivals at a target QPS, latency from the scheduled arrival: p99 against a bound. */
    SERVER("server", 662, 99.0),
    /** All samples available at once, batched: samples per second. */
    OFFLINE("offline", 24_576, 99.0);

    private final String cliName;
    private final long minQueries;
    private final double metricPercentile;

    Scenario(String cliName, long minQueries, double metricPercentile) {
        this.cliName = cliName;
        this.minQueries = minQueries;
        this.metricPercentile = metricPercentile;
    }

    public String cliName() {
        return cliName;
    }

    /** MLPerf's minimum: queries, or samples for Offline. */
    public long mlperfMinQueries() {
        return minQueries;
    }

    public double metricPercentile() {
        return metricPercentile;
    }

    /** True when the minimum counts samples rather than queries. */
    public boolean countsSamples() {
        return this == OFFLINE;
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
