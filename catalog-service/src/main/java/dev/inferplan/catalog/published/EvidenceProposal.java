package dev.inferplan.catalog.published;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A team member's proposed published result, waiting for (or decided by) a reviewer. */
@Entity
@Table(name = "evidence_proposal")
public class EvidenceProposal {

    /** PROPOSED until a reviewer or admin ACCEPTS (it becomes a counted result) or REJECTS it. */
    public enum Status { PROPOSED, ACCEPTED, REJECTED }

    @Id
    private long id;
    @Column(name = "model_version_id")
    private long modelVersionId;
    private String pool;
    @Column(name = "result_json")
    private String resultJson;
    private String url;
    private String document;
    @Column(name = "table_ref")
    private String table;
    private String status;
    @Column(name = "proposed_by")
    private String proposedBy;
    @Column(name = "proposed_at")
    private Instant proposedAt;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decision_reason")
    private String decisionReason;
    @Column(name = "result_id")
    private Long resultId;

    protected EvidenceProposal() {
        // JPA
    }

    public long id() {
        return id;
    }

    public long modelVersionId() {
        return modelVersionId;
    }

    public String pool() {
        return pool;
    }

    public String resultJson() {
        return resultJson;
    }

    public Citation citation() {
        return new Citation(url, document, table);
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public String proposedBy() {
        return proposedBy;
    }

    public Instant proposedAt() {
        return proposedAt;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String decisionReason() {
        return decisionReason;
    }

    public Long resultId() {
        return resultId;
    }
}
