package dev.inferplan.contracts.benchmarks;

import java.util.Locale;
import java.util.Optional;

/**
 * MLPerf Inference LoadGen's four scenarios, the one definition the catalog (API, database) and the
 * runner (jobs, CLI) share, with the figures MLPerf's rules fix for each: the minimum query count for
 * the percentile claim (the early-stopping bound; Offline counts samples), the percentile the
 * scenario reports, and the samples in one query (MultiStream: 8). The API lists the constants in
 * this order ("one of [OFFLINE, SERVER, SINGLE_STREAM, MULTI_STREAM]").
 */
public enum Scenario {
    /** All samples available at once, batched: samples per second. */
    OFFLINE(24_576, 99.0, 0),
    /** Poisson arrivals at a target QPS, latency from the scheduled arrival: p99 against a bound. */
    SERVER(662, 99.0, 1),
    /** Next query when the previous completes, one sample each: p90 latency. */
    SINGLE_STREAM(64, 90.0, 1),
    /** Like SingleStream with N samples (default 8) per query: p99 latency per query. */
    MULTI_STREAM(662, 99.0, 8);

    /** perf_analyzer's measurement window; a shorter one is a quick look, not a standard run. */
    public static final double STANDARD_WINDOW_SECONDS = 5.0;

    private final long minQueries;
    private final double percentile;
    private final int samplesPerQuery;

    Scenario(long minQueries, double percentile, int samplesPerQuery) {
        this.minQueries = minQueries;
        this.percentile = percentile;
        this.samplesPerQuery = samplesPerQuery;
    }

    /** The minimum: queries, or samples for Offline ({@link #countsSamples()}). */
    public long minQueries() {
        return minQueries;
    }

    public double percentile() {
        return percentile;
    }

    /** Samples per query the scenario defines; 0 when any batch is allowed (Offline). */
    public int samplesPerQuery() {
        return samplesPerQuery;
    }

    /** True when the minimum counts samples rather than queries. */
    public boolean countsSamples() {
        return this == OFFLINE;
    }

    /** The API's "SERVER", the CLI's "single-stream", LoadGen's "SingleStream"; empty for anything else. */
    public static Optional<Scenario> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.strip().replaceAll("([a-z])([A-Z])", "$1_$2").replace('-', '_').toUpperCase(Locale.ROOT);
        for (Scenario scenario : values()) {
            if (scenario.name().equals(key)) {
                return Optional.of(scenario);
            }
        }
        return Optional.empty();
    }

    /** {@link #parse}, for callers (the CLI, a leased job) where an unknown scenario is a caller's error. */
    public static Scenario require(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + text
                + "'; expected offline, server, single-stream or multi-stream"));
    }
}
