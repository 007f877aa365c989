package dev.inferplan.catalog.webhooks;

import java.util.Locale;
import java.util.Optional;

/** What a webhook may subscribe to. */
public enum WebhookEvent {
    /** A version's review status changed (SUBMIT, APPROVE, REJECT, DEPRECATE). */
    VERSION_STATUS_CHANGED,
    /** A benchmark job's state changed (queued, leased, running, succeeded, failed, cancelled). */
    JOB_STATE_CHANGED,
    /** Drift re-review flagged an approved version. */
    REVIEW_SUGGESTED;

    public static Optional<WebhookEvent> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
