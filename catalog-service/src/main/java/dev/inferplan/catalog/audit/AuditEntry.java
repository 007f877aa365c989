package dev.inferplan.catalog.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One appended change: who, when, what, and the entity before and after (JSON). Read-only by
 * construction: rows are inserted by {@link AuditLog#append}, and this class has no setters.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    private long id;
    @Column(name = "entity_type")
    private String entityType;
    @Column(name = "entity_id")
    private String entityId;
    @Column(name = "model_version_id")
    private Long modelVersionId;
    private String action;
    private String actor;
    @Column(name = "occurred_at")
    private Instant occurredAt;
    @Column(name = "before_json")
    private String beforeJson;
    @Column(name = "after_json")
    private String afterJson;

    protected AuditEntry() {
        // JPA
    }

    public long id() {
        return id;
    }

    public String entityType() {
        return entityType;
    }

    public String entityId() {
        return entityId;
    }

    public Long modelVersionId() {
        return modelVersionId;
    }

    public String action() {
        return action;
    }

    public String actor() {
        return actor;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String beforeJson() {
        return beforeJson;
    }

    public String afterJson() {
        return afterJson;
    }
}
