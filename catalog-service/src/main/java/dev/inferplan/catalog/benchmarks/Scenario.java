package dev.inferplan.catalog.benchmarks;

import java.util.Locale;
import java.util.Optional;

/** MLPerf Inference LoadGen scenarios. */
public enum Scenario {
    OFFLINE, SERVER, SINGLE_STREAM, MULTI_STREAM;

    /** "OFFLINE", "single-stream", "SingleStream". */
    public static Optional<Scenario> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String key = value.strip().replaceAll("([a-z])([A-Z])", "$1_$2").replace('-', '_').toUpperCase(Locale.ROOT);
        for (Scenario scenario : values()) {
            if (scenario.name().equals(key)) {
                return Optional.of(scenario);
            }
        }
        return Optional.empty();
    }
}
