package dev.inferplan.catalog.drift;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * When a change is large enough to suggest a new review. A plan's monthly cost scales with its
 * offer's hourly price (replicas billed × hours × price), so the approved monthly cost re-priced is
 * {@code monthly × newHourly / oldHourly}; the change is its relative difference. A p99 change is
 * the relative difference of the new valid p99 to the previous one of the same configuration.
 * Both compare the absolute change with a configured percentage: strictly more flags.
 */
public final class DriftRule {

    private DriftRule() {
    }

    /** The relative change in percent, to 2 decimals (HALF_UP). */
    public static BigDecimal changePercent(BigDecimal before, BigDecimal after) {
        return after.subtract(before).multiply(BigDecimal.valueOf(100))
                .divide(before, MathContext.DECIMAL64).setScale(2, RoundingMode.HALF_UP);
    }

    /** The approved monthly cost re-priced at the new hourly price (to the cent). */
    public static BigDecimal repriced(BigDecimal monthlyUsd, BigDecimal oldHourlyUsd, BigDecimal newHourlyUsd) {
        return monthlyUsd.multiply(newHourlyUsd).divide(oldHourlyUsd, MathContext.DECIMAL64).setScale(2, RoundingMode.HALF_UP);
    }

    /** The change when it exceeds the threshold; empty otherwise (or when there is nothing to compare with). */
    public static Optional<BigDecimal> beyond(BigDecimal before, BigDecimal after, BigDecimal thresholdPercent) {
        if (before == null || after == null || before.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal change = changePercent(before, after);
        return change.abs().compareTo(thresholdPercent) > 0 ? Optional.of(change) : Optional.empty();
    }

    /** "+20.00 %" or "-12.50 %". */
    public static String signed(BigDecimal percent) {
        return (percent.signum() > 0 ? "+" : "") + percent.toPlainString() + " %";
    }
}
