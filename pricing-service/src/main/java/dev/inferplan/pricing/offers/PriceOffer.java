package dev.inferplan.pricing.offers;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One offer of one price-book version, read-only here (imports write offers in bulk with JDBC). */
@Entity
@Table(name = "price_offer")
public class PriceOffer {

    @Id
    private long id;
    @Column(name = "version_id")
    private long versionId;
    private String provider;
    private String region;
    private String zone;
    @Column(name = "instance_type")
    private String instanceType;
    @Column(name = "offer_kind")
    private String offerKind;
    private String accelerator;
    @Column(name = "accelerator_count")
    private BigDecimal acceleratorCount;
    @Column(name = "accelerator_memory_gib")
    private BigDecimal acceleratorMemoryGib;
    private BigDecimal vcpus;
    @Column(name = "memory_gib")
    private BigDecimal memoryGib;
    @Column(name = "cpu_architecture")
    private String cpuArchitecture;
    @Column(name = "purchase_option")
    private String purchaseOption;
    @Column(name = "hourly_usd")
    private BigDecimal hourlyUsd;
    @Column(name = "per_accelerator_hour_usd")
    private BigDecimal perAcceleratorHourUsd;
    @Column(name = "per_vcpu_hour_usd")
    private BigDecimal perVcpuHourUsd;
    @Column(name = "upfront_usd")
    private BigDecimal upfrontUsd;
    @Column(name = "offer_key")
    private String offerKey;

    protected PriceOffer() {
        // JPA
    }

    /** An offer built in memory (tests of the in-memory queries); the database writes offers with JDBC. */
    PriceOffer(long id, long versionId, String provider, String region, String accelerator, BigDecimal acceleratorCount,
               BigDecimal vcpus, BigDecimal memoryGib, String purchaseOption, BigDecimal hourlyUsd) {
        this.id = id;
        this.versionId = versionId;
        this.provider = provider;
        this.region = region;
        this.zone = "";
        this.instanceType = "test-" + id;
        this.offerKind = "INSTANCE";
        this.accelerator = accelerator;
        this.acceleratorCount = acceleratorCount;
        this.vcpus = vcpus;
        this.memoryGib = memoryGib;
        this.purchaseOption = purchaseOption;
        this.hourlyUsd = hourlyUsd;
        this.perAcceleratorHourUsd = acceleratorCount == null || acceleratorCount.signum() == 0 ? null
                : hourlyUsd.divide(acceleratorCount, 10, java.math.RoundingMode.HALF_EVEN);
        this.offerKey = instanceType + "|" + region + "|" + purchaseOption;
    }

    public long id() { return id; }

    public long versionId() { return versionId; }
    public String provider() { return provider; }
    public String region() { return region; }
    public String zone() { return zone; }
    public String instanceType() { return instanceType; }
    public String offerKind() { return offerKind; }
    public String accelerator() { return accelerator; }
    public BigDecimal acceleratorCount() { return acceleratorCount; }
    public BigDecimal acceleratorMemoryGib() { return acceleratorMemoryGib; }
    public BigDecimal vcpus() { return vcpus; }
    public BigDecimal memoryGib() { return memoryGib; }
    public String cpuArchitecture() { return cpuArchitecture; }
    public String purchaseOption() { return purchaseOption; }
    public BigDecimal hourlyUsd() { return hourlyUsd; }
    public BigDecimal perAcceleratorHourUsd() { return perAcceleratorHourUsd; }
    public BigDecimal perVcpuHourUsd() { return perVcpuHourUsd; }
    public BigDecimal upfrontUsd() { return upfrontUsd; }
    public String offerKey() { return offerKey; }
}
