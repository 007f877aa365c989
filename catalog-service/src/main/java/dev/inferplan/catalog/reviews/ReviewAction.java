package dev.inferplan.catalog.reviews;

import java.util.Locale;
import java.util.Optional;

/** What a review request asks for. SUBMIT is the team's; the others are the committee's. */
public enum ReviewAction {
    SUBMIT, APPROVE, REJECT, DEPRECATE;

    public boolean committeeOnly() {
        return this != SUBMIT;
    }

    public static Optional<ReviewAction> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
