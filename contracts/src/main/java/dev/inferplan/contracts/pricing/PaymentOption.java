package dev.inferplan.contracts.pricing;

import java.util.Locale;
import java.util.Optional;

/**
 * How a commitment ({@link PurchaseOption} with a term) is paid: AWS sells each reservation as No,
 * Partial or All Upfront, distinct offers with distinct prices. Orthogonal to the purchase option, so
 * the options' terms stay one list; an offer without a commitment has none.
 */
public enum PaymentOption {
    /** Only an hourly rate over the term. */
    NO_UPFRONT,
    /** An upfront fee and a lower hourly rate. */
    PARTIAL_UPFRONT,
    /** The whole term paid upfront; no hourly rate. */
    ALL_UPFRONT;

    /** Accepts the enum name in any case, with '-', '_' or ' ' ("Partial Upfront", "all-upfront"). */
    public static Optional<PaymentOption> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (PaymentOption option : values()) {
            if (option.name().equals(key)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }
}
