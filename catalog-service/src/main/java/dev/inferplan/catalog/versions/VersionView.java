package dev.inferplan.catalog.versions;

import java.time.Instant;
import java.util.List;


import jakarta.json.JsonValue;

/**
 * A model version as the API shows it, with its metrics. {@code tier} is the tier in force: the
 * committee's override when there is one, else {@code proposedTier} (the tier policy's proposal
 * from the evidence). {@code revision} is what an update or review quotes.
 */
public record VersionView(long id, long familyId, String familyName, String task, String label, String status,
                          String tier, String proposedTier, TierOverride tierOverride, Artifact artifact,
                          Lineage lineage, List<MetricView> metrics, Instant createdAt, String createdBy,
                          Instant updatedAt, long revision) {

    /**
     * {@code sha256} and {@code sizeBytes} may be absent for seeded artifacts whose file was not at hand, and are
     * for a hosted endpoint ({@code format} hosted), which has {@code servedModel} instead.
     */
    public record Artifact(String uri, String sha256, Long sizeBytes, String format, Integer opset,
                           JsonValue ioSignature, String servedModel) {
    }

    public record Lineage(String kind, long parentVersionId) {
    }

    public record TierOverride(String tier, String reason, String by, Instant at) {
    }

    public VersionView withMetrics(List<MetricView> metrics) {
        return new VersionView(id, familyId, familyName, task, label, status, tier, proposedTier, tierOverride, artifact,
                lineage, List.copyOf(metrics), createdAt, createdBy, updatedAt, revision);
    }
}
