package dev.inferplan.contracts.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import jakarta.json.bind.annotation.JsonbTypeAdapter;

/**
 * An exact amount of US dollars. Prices are never {@code double}: a price book summed over
 * thousands of offers must reproduce the source figures to the last digit.
 *
 * <p>On the wire (JSON and gRPC) money is a decimal string such as {@code "3.0600"}.
 * Amounts keep at least {@link #MIN_SCALE} fractional digits so that equal prices print
 * equally, and at most {@link #MAX_SCALE} so that derived figures (per accelerator-hour,
 * amortized upfront fees) stay exact enough without growing unbounded.
 */
@JsonbTypeAdapter(MoneyJsonbAdapter.class)
public record Money(BigDecimal usd) implements Comparable<Money> {

    /** Fractional digits every amount carries at least (cents and hundredths of a cent). */
    public static final int MIN_SCALE = 4;
    /** Fractional digits beyond which derived amounts are rounded (half-even). */
    public static final int MAX_SCALE = 10;

    public static final Money ZERO = new Money(BigDecimal.ZERO);

    public Money {
        Objects.requireNonNull(usd, "usd");
        usd = normalize(usd);
    }

    /** Parses a decimal string; rejects anything that is not a plain decimal number. */
    public static Money parse(String decimal) {
        Objects.requireNonNull(decimal, "decimal");
        String trimmed = decimal.trim();
        if (trimmed.isEmpty()) {
            throw new NumberFormatException("empty amount");
        }
        try {
            return new Money(new BigDecimal(trimmed));
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not a decimal amount: '" + decimal + "'");
        }
    }

    public static Money of(String decimal) {
        return parse(decimal);
    }

    public Money plus(Money other) {
        return new Money(usd.add(other.usd));
    }

    public Money minus(Money other) {
        return new Money(usd.subtract(other.usd));
    }

    public Money times(BigDecimal factor) {
        return new Money(usd.multiply(factor));
    }

    public Money times(long factor) {
        return new Money(usd.multiply(BigDecimal.valueOf(factor)));
    }

    /** Divides, rounding half-even at {@link #MAX_SCALE} digits (e.g. per accelerator-hour). */
    public Money dividedBy(BigDecimal divisor) {
        if (divisor.signum() == 0) {
            throw new ArithmeticException("division of money by zero");
        }
        return new Money(usd.divide(divisor, MAX_SCALE, RoundingMode.HALF_EVEN));
    }

    public Money dividedBy(long divisor) {
        return dividedBy(BigDecimal.valueOf(divisor));
    }

    public boolean isNegative() {
        return usd.signum() < 0;
    }

    public boolean isZero() {
        return usd.signum() == 0;
    }

    @Override
    public int compareTo(Money other) {
        return usd.compareTo(other.usd);
    }

    /** The wire form: a plain decimal string, never scientific notation. */
    @Override
    public String toString() {
        return usd.toPlainString();
    }

    private static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        int scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, stripped.scale()));
        return stripped.setScale(scale, RoundingMode.HALF_EVEN);
    }
}
