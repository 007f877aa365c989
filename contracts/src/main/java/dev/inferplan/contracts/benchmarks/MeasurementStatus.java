package dev.inferplan.contracts.benchmarks;

import java.util.Locale;
import java.util.Optional;

/**
 * What a measured point is worth as evidence. {@code VALID}: every run rule held (duration, query
 * count, latency bound, generator lag, no failed query, output check) and the last windows agreed
 * (perf_analyzer's stability rule). {@code UNSTABLE}: the rules held but the windows never agreed
 * within the tolerance, so the figures are not one steady state. {@code INVALID}: a rule broke.
 * Only {@code VALID} is stored and served as {@code valid: true}.
 */
public enum MeasurementStatus {
    VALID,
    INVALID,
    UNSTABLE;

    /** INVALID when a rule broke, else UNSTABLE when the windows never agreed, else VALID. */
    public static MeasurementStatus of(boolean rulesHold, boolean stable) {
        return !rulesHold ? INVALID : stable ? VALID : UNSTABLE;
    }

    /** True only for VALID: an UNSTABLE or INVALID point is never valid evidence. */
    public boolean valid() {
        return this == VALID;
    }

    public static Optional<MeasurementStatus> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
