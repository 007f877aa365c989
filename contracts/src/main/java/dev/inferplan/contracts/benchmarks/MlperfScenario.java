package dev.inferplan.contracts.benchmarks;

import java.util.Locale;
import java.util.Optional;

/**
 * MLPerf Inference LoadGen's four scenarios with the figures its rules fix for each: the minimum
 * query count for the percentile claim (the early-stopping bound; Offline counts samples), the
 * percentile the scenario reports, and the samples in one query (MultiStream: 8).
 */
public enum MlperfScenario {
    SINGLE_STREAM(64, 90.0, 1),
    MULTI_STREAM(662, 99.0, 8),
    SERVER(662, 99.0, 1),
    OFFLINE(24_576, 99.0, 0);

    /** perf_analyzer's measurement window; a shorter one is a quick look, not a standard run. */
    public static final double STANDARD_WINDOW_SECONDS = 5.0;

    private final long minQueries;
    private final double percentile;
    private final int samplesPerQuery;

    MlperfScenario(long minQueries, double percentile, int samplesPerQuery) {
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

    public boolean countsSamples() {
        return this == OFFLINE;
    }

    /** "SERVER", "single-stream", "SingleStream". */
    public static Optional<MlperfScenario> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.strip().replaceAll("([a-z])([A-Z])", "$1_$2").replace('-', '_').toUpperCase(Locale.ROOT);
        for (MlperfScenario scenario : values()) {
            if (scenario.name().equals(key)) {
                return Optional.of(scenario);
            }
        }
        return Optional.empty();
    }
}
