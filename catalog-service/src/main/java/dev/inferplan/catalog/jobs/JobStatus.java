package dev.inferplan.catalog.jobs;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a benchmark job is: QUEUED until a runner leases it, LEASED until the runner's first
 * heartbeat, RUNNING while it heartbeats, then SUCCEEDED, FAILED (with a reason) or CANCELLED.
 * A lease that expires puts a LEASED or RUNNING job back to QUEUED (or FAILED past its attempts).
 */
public enum JobStatus {
    QUEUED, LEASED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public boolean leased() {
        return this == LEASED || this == RUNNING;
    }

    public static Optional<JobStatus> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
