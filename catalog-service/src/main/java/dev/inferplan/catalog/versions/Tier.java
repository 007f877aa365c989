package dev.inferplan.catalog.versions;

import java.util.Optional;

/** Tier 1 low cost/high speed, Tier 2 balanced, Tier 3 high accuracy/high cost. */
public enum Tier {
    TIER_1, TIER_2, TIER_3;

    /**
     * Exactly a documented name: "TIER_1", "TIER_2" or "TIER_3". Nothing looser: a lenient reading
     * took {@code -1} for TIER_1 and {@code "-3"} for TIER_3.
     */
    public static Optional<Tier> parse(String value) {
        for (Tier tier : values()) {
            if (tier.name().equals(value)) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }
}
