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
    private String basis;
    @Column(name = "report_id")
    private Long reportId;
    @Column(name = "plan_rank")
    private Integer planRank;
    private String provider;
    private String region;
    @Column(name = "price_book_versions")
    private String priceBookVersions;

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

    public CostBasis basis() {
        return CostBasis.valueOf(basis);
    }

    /** The saved recommender report a REPORT estimate was taken from; null for a MANUAL one. */
    public Long reportId() {
        return reportId;
    }

    public Integer planRank() {
        return planRank;
    }

    public String provider() {
        return provider;
    }

    public String region() {
        return region;
    }

    /** The price-book versions the report priced its plan from (REPORT only; empty otherwise). */
    public java.util.List<Long> priceBookVersions() {
        return priceBookVersions == null || priceBookVersions.isBlank() ? java.util.List.of()
                : java.util.Arrays.stream(priceBookVersions.split(",")).map(String::strip).map(Long::valueOf).toList();
    }
}
