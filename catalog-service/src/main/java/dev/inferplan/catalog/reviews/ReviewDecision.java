package dev.inferplan.catalog.reviews;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One decision on a version: who, when, why, and the status it moved the version from and to. */
@Entity
@Table(name = "review_decision")
public class ReviewDecision {

    @Id
    private long id;
    @Column(name = "model_version_id")
    private long modelVersionId;
    private String action;
    @Column(name = "from_status")
    private String fromStatus;
    @Column(name = "to_status")
    private String toStatus;
    private String reason;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;

    protected ReviewDecision() {
        // JPA
    }

    public long id() {
        return id;
    }

    public long modelVersionId() {
        return modelVersionId;
    }

    public String action() {
        return action;
    }

    public String fromStatus() {
        return fromStatus;
    }

    public String toStatus() {
        return toStatus;
    }

    public String reason() {
        return reason;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }
}
