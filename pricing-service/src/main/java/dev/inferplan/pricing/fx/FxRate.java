package dev.inferplan.pricing.fx;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** How many US dollars one unit of a currency is worth, as an admin last set it. */
@Entity
@Table(name = "fx_rate")
public class FxRate {

    @Id
    @Column(name = "currency", length = 3)
    private String currency;

    @Column(name = "usd_per_unit", nullable = false, precision = 20, scale = 10)
    private BigDecimal usdPerUnit;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 128)
    private String updatedBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected FxRate() {
        // JPA
    }

    FxRate(String currency, BigDecimal usdPerUnit, Instant updatedAt, String updatedBy) {
        this.currency = currency;
        set(usdPerUnit, updatedAt, updatedBy);
    }

    void set(BigDecimal usdPerUnit, Instant updatedAt, String updatedBy) {
        this.usdPerUnit = usdPerUnit;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal usdPerUnit() {
        return usdPerUnit;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
