package dev.inferplan.pricing.pricelists;

import java.math.BigDecimal;

/**
 * Numbers as a price list writes them, parsed with a bound before any arithmetic: "1e999999999"
 * is a valid decimal, but scaling or dividing it makes {@link BigDecimal} build a number of a
 * billion digits (or fail with "BigInteger would overflow"). Whether a parsed number fits its
 * column is decided later, against the column ({@code book.OfferLimits}).
 */
public final class SourceNumbers {

    /** Digits before the point: far beyond any price or size, far below what makes arithmetic explode. */
    static final int MAX_INTEGER_DIGITS = 30;
    /** Digits after the point: far beyond the 10 the book keeps. */
    static final int MAX_FRACTION_DIGITS = 60;

    private SourceNumbers() {
    }

    /** A number beyond what any column of the book holds; a {@link NumberFormatException} for readers that catch those. */
    public static final class OutOfRange extends NumberFormatException {

        private static final long serialVersionUID = 1L;

        OutOfRange(String raw) {
            super("out of range: " + SourceText.quote(raw));
        }
    }

    /** Parses a decimal (as {@link BigDecimal#BigDecimal(String)}), refusing one out of range with {@link OutOfRange}. */
    public static BigDecimal parse(String raw) {
        return bounded(new BigDecimal(raw), raw);
    }

    /** The number itself, or {@link OutOfRange} (for numbers a JSON parser produced). */
    public static BigDecimal bounded(BigDecimal value, Object source) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS || stripped.scale() > MAX_FRACTION_DIGITS) {
            throw new OutOfRange(String.valueOf(source));
        }
        return value;
    }

    public static boolean inRange(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.precision() - stripped.scale() <= MAX_INTEGER_DIGITS && stripped.scale() <= MAX_FRACTION_DIGITS;
    }
}
