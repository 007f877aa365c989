package dev.inferplan.catalog.costs;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A reviewer's stated reason to let a hand-typed estimate pass the cost gate; immutable. */
@Entity
@Table(name = "cost_estimate_acceptance")
public class CostEstimateAcceptance {

    @Id
    @Column(name = "cost_estimate_id")
    private long costEstimateId;
    private String reason;
    @Column(name = "accepted_by")
    private String acceptedBy;
    @Column(name = "accepted_at")
    private Instant acceptedAt;

    protected CostEstimateAcceptance() {
        // JPA
    }

    public long costEstimateId() {
        return costEstimateId;
    }

    public String reason() {
        return reason;
    }

    public String acceptedBy() {
        return acceptedBy;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }
}
