package dev.inferplan.catalog.versions;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A version of a model family: its artifact, lineage, workflow status and tier. Relationships are
 * ids (no weaving, no lazy loading: docs/decisions/0002); reads go through {@link VersionReadModel}.
 */
@Entity
@Table(name = "model_version")
public class ModelVersion {

    @Id
    private long id;
    @Column(name = "family_id")
    private long familyId;
    private String task;
    private String label;
    private String status;
    private String tier;
    @Column(name = "proposed_tier")
    private String proposedTier;
    @Column(name = "tier_override")
    private String tierOverride;
    @Column(name = "tier_override_reason")
    private String tierOverrideReason;
    @Column(name = "tier_override_by")
    private String tierOverrideBy;
    @Column(name = "tier_override_at")
    private Instant tierOverrideAt;
    @Column(name = "artifact_uri")
    private String artifactUri;
    @Column(name = "artifact_sha256")
    private String artifactSha256;
    @Column(name = "artifact_size_bytes")
    private Long artifactSizeBytes;
    @Column(name = "artifact_format")
    private String artifactFormat;
    @Column(name = "artifact_opset")
    private Integer artifactOpset;
    @Column(name = "artifact_served_model")
    private String artifactServedModel;
    @Column(name = "io_signature")
    private String ioSignature;
    @Column(name = "lineage_kind")
    private String lineageKind;
    @Column(name = "parent_version_id")
    private Long parentVersionId;
    @Column(name = "search_text")
    private String searchText;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected ModelVersion() {
        // JPA
    }

    public void changeStatus(VersionStatus to, Instant at) {
        this.status = to.name();
        this.updatedAt = at;
    }

    /** Sets the policy's proposal and the tier in force (the override wins while there is one). */
    public void propose(String proposed, Instant at) {
        this.proposedTier = proposed;
        this.tier = tierOverride != null ? tierOverride : proposed;
        this.updatedAt = at;
    }

    public void override(String overrideTier, String reason, String by, Instant at) {
        this.tierOverride = overrideTier;
        this.tierOverrideReason = reason;
        this.tierOverrideBy = by;
        this.tierOverrideAt = at;
        this.tier = overrideTier != null ? overrideTier : proposedTier;
        this.updatedAt = at;
    }

    void change(String newLabel, ArtifactSpec artifact, String newSearchText, Instant at) {
        this.label = newLabel;
        if (artifact != null) {
            this.artifactUri = artifact.uri();
            this.artifactSha256 = artifact.sha256();
            this.artifactFormat = artifact.format();
            this.artifactOpset = artifact.opset();
            this.artifactSizeBytes = artifact.sizeBytes();
            this.artifactServedModel = artifact.servedModel();
            this.ioSignature = null;
        }
        this.searchText = newSearchText;
        this.updatedAt = at;
    }

    void recordSignature(String signatureJson, Integer opset, Instant at) {
        this.ioSignature = signatureJson;
        if (opset != null) {
            this.artifactOpset = opset;
        }
        this.updatedAt = at;
    }

    void recordOpset(int opset, Instant at) {
        this.artifactOpset = opset;
        this.updatedAt = at;
    }

    /** A change that is not to the row's own columns (a review vote) still moves the revision on. */
    public void touch(Instant at) {
        this.updatedAt = at;
    }

    public long id() {
        return id;
    }

    public long familyId() {
        return familyId;
    }

    public String task() {
        return task;
    }

    public String label() {
        return label;
    }

    public VersionStatus status() {
        return VersionStatus.valueOf(status);
    }

    public String tier() {
        return tier;
    }

    public String proposedTier() {
        return proposedTier;
    }

    public String tierOverride() {
        return tierOverride;
    }

    public String artifactUri() {
        return artifactUri;
    }

    public String artifactSha256() {
        return artifactSha256;
    }

    /** The registered size of the artifact; null when not known. */
    public Long artifactSizeBytes() {
        return artifactSizeBytes;
    }

    public String ioSignature() {
        return ioSignature;
    }

    public Integer artifactOpset() {
        return artifactOpset;
    }

    public String lineageKind() {
        return lineageKind;
    }

    public Long parentVersionId() {
        return parentVersionId;
    }

    public long revision() {
        return version;
    }
}
