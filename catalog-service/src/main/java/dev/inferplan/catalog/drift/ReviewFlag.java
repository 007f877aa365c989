package dev.inferplan.catalog.drift;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A REVIEW_SUGGESTED flag on a version; immutable. */
@Entity
@Table(name = "review_flag")
public class ReviewFlag {

    @Id
    private long id;
    @Column(name = "model_version_id")
    private long modelVersionId;
    private String kind;
    private String reason;
    private String cause;
    @Column(name = "raised_at")
    private Instant raisedAt;
    @Column(name = "raised_by")
    private String raisedBy;

    protected ReviewFlag() {
        // JPA
    }

    public long id() {
        return id;
    }

    public long modelVersionId() {
        return modelVersionId;
    }

    public String kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    public String cause() {
        return cause;
    }

    public Instant raisedAt() {
        return raisedAt;
    }

    public String raisedBy() {
        return raisedBy;
    }
}
