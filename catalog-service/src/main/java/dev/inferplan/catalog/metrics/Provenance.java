package dev.inferplan.catalog.metrics;

import java.util.Optional;

/** Where a figure comes from: published elsewhere (with a citation) or measured by one of our runs. */
public enum Provenance {
    PUBLISHED, MEASURED;

    public static Optional<Provenance> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Provenance kind : values()) {
            if (kind.name().equalsIgnoreCase(value.strip())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
