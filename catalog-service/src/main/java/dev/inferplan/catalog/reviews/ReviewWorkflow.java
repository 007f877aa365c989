package dev.inferplan.catalog.reviews;

import java.util.List;
import java.util.Map;

import dev.inferplan.catalog.versions.VersionStatus;

/**
 * The review workflow: {@code PROPOSED → IN_REVIEW → APPROVED | REJECTED}, {@code APPROVED →
 * DEPRECATED}. REJECTED and DEPRECATED are final: a fixed model is registered as a new version.
 */
public final class ReviewWorkflow {

    private static final Map<VersionStatus, List<ReviewAction>> ALLOWED = Map.of(
            VersionStatus.PROPOSED, List.of(ReviewAction.SUBMIT),
            VersionStatus.IN_REVIEW, List.of(ReviewAction.APPROVE, ReviewAction.REJECT),
            VersionStatus.APPROVED, List.of(ReviewAction.DEPRECATE),
            VersionStatus.REJECTED, List.of(),
            VersionStatus.DEPRECATED, List.of());

    private ReviewWorkflow() {
    }

    public static List<ReviewAction> allowed(VersionStatus from) {
        return ALLOWED.get(from);
    }

    public static VersionStatus target(ReviewAction action) {
        return switch (action) {
            case SUBMIT -> VersionStatus.IN_REVIEW;
            case APPROVE -> VersionStatus.APPROVED;
            case REJECT -> VersionStatus.REJECTED;
            case DEPRECATE -> VersionStatus.DEPRECATED;
        };
    }
}
