package dev.inferplan.contracts.benchmarks;

import java.util.Locale;
import java.util.Optional;

/** The latency percentiles results report and SLOs are stated in. */
public enum LatencyPercentile {
    P50(50.0),
    P90(90.0),
    P95(95.0),
    P99(99.0),
    P999(99.9);

    private final double percentile;

    LatencyPercentile(double percentile) {
        this.percentile = percentile;
    }

    /** The percentile as HdrHistogram takes it (0–100). */
    public double percentile() {
        return percentile;
    }

    /** The JSON field name used in results ({@code p50}, {@code p99}, {@code p999}). */
    public String fieldName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts "p99", "P99", "99", "99.9" and "p99.9". */
    public static Optional<LatencyPercentile> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String key = text.trim().toLowerCase(Locale.ROOT);
        if (key.startsWith("p")) {
            key = key.substring(1);
        }
        for (LatencyPercentile p : values()) {
            String plain = p.name().substring(1);
            if (key.equals(plain) || key.equals(formatted(p.percentile))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String formatted(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
