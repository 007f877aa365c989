package dev.inferplan.catalog.tiers;

import java.util.Locale;
import java.util.Optional;

/** Tier 1 low cost/high speed, Tier 2 balanced, Tier 3 high accuracy/high cost. */
public enum Tier {
    TIER_1, TIER_2, TIER_3;

    /** "TIER_1", "tier-1", "1". */
    public static Optional<Tier> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String digits = value.strip().toUpperCase(Locale.ROOT).replace("TIER", "").replace("_", "").replace("-", "");
        return switch (digits) {
            case "1" -> Optional.of(TIER_1);
            case "2" -> Optional.of(TIER_2);
            case "3" -> Optional.of(TIER_3);
            default -> Optional.empty();
        };
    }
}
