package dev.inferplan.contracts.pricing;

import java.util.Locale;
import java.util.Optional;

/**
 * How capacity is bought. Every source's commitment kinds map onto one of these explicitly
 * (importers never guess); {@link #termMonths()} is what an upfront fee is amortized over.
 */
public enum PurchaseOption {
    /** Pay per hour, no commitment. */
    ON_DEMAND(0, false),
    /** Spare capacity at a discount that the provider may reclaim (AWS Spot, GCP Spot/preemptible, Azure Spot). */
    SPOT(0, true),
    /** One-year reservation (AWS Standard RI, Azure 1-year reservation). */
    RESERVED_1Y(12, false),
    /** Three-year reservation. */
    RESERVED_3Y(36, false),
    /** One-year convertible reservation (AWS Convertible RI). */
    CONVERTIBLE_1Y(12, false),
    /** Three-year convertible reservation. */
    CONVERTIBLE_3Y(36, false),
    /** One-year spend commitment (AWS Savings Plans, GCP committed-use discounts). */
    COMMITTED_1Y(12, false),
    /** Three-year spend commitment. */
    COMMITTED_3Y(36, false),
    /** An internal or negotiated rate (on-prem pools, enterprise agreements). */
    NEGOTIATED(0, false);

    /**
     * A year of a term in hours: 365 days of 24 hours, the year AWS and Azure amortize reservations
     * over (an AWS one-year reservation lasts 31,536,000 seconds).
     */
    public static final long HOURS_PER_YEAR = 365L * 24L;

    private final int termMonths;
    private final boolean interruptible;

    PurchaseOption(int termMonths, boolean interruptible) {
        this.termMonths = termMonths;
        this.interruptible = interruptible;
    }

    /** Commitment length in months; 0 for none. */
    public int termMonths() {
        return termMonths;
    }

    /** The hours an upfront fee of this option is spread over: {@link #HOURS_PER_YEAR} × the term's years; 0 without a term. */
    public long termHours() {
        return HOURS_PER_YEAR * termMonths / 12;
    }

    /** Whether the provider may take the capacity back (a plan must price that risk). */
    public boolean interruptible() {
        return interruptible;
    }

    /** Accepts the enum name in any case, with '-' or '_' ("on-demand", "RESERVED_1Y"). */
    public static Optional<PurchaseOption> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (PurchaseOption option : values()) {
            if (option.name().equals(key)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }
}
