package dev.inferplan.catalog.versions;

import java.util.Arrays;
import java.util.Optional;

/** Where a version stands in the review workflow (the transitions live in reviews/ReviewWorkflow). */
public enum VersionStatus {
    PROPOSED, IN_REVIEW, APPROVED, REJECTED, DEPRECATED;

    public static Optional<VersionStatus> parse(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(value.strip())).findFirst();
    }
}
