package dev.inferplan.catalog.costs;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A cost estimate attached to a version; immutable once recorded (a newer estimate is a new row). */
@Entity
@Table(name = "cost_estimate")
public class CostEstimate {

    @Id
    private long id;
    @Column(name = "model_version_id")
    private long modelVersionId;
    private String pool;
    @Column(name = "instance_type")
    private String instanceType;
    @Column(name = "purchase_option")
    private String purchaseOption;
    @Column(name = "cost_per_1k_usd")
    private BigDecimal costPer1kUsd;
    @Column(name = "monthly_usd")
    private BigDecimal monthlyUsd;
    private String assumptions;
    private String source;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;

    protected CostEstimate() {
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

    public String instanceType() {
        return instanceType;
    }

    public String purchaseOption() {
        return purchaseOption;
    }

    public BigDecimal costPer1kUsd() {
        return costPer1kUsd;
    }

    public BigDecimal monthlyUsd() {
        return monthlyUsd;
    }

    public String assumptions() {
        return assumptions;
    }

    public String source() {
        return source;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
