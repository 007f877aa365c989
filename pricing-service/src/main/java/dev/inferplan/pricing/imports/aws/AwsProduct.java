package dev.inferplan.pricing.imports.aws;

import java.math.BigDecimal;

import dev.inferplan.contracts.pricing.PurchaseOption;

/** What one qualifying SKU contributes to its offers; nothing of the JSON is kept. */
final class AwsProduct {
    final String instanceType;
    final String region;
    final String accelerator;
    final BigDecimal acceleratorCount;
    final Double acceleratorMemoryGib;
    final BigDecimal vcpus;
    final BigDecimal memoryGib;
    final String cpuArchitecture;
    /** Bit per {@link PurchaseOption#ordinal()} × 3 + payment rank already sent to the sink for this SKU. */
    int emitted;

    AwsProduct(String instanceType, String region, String accelerator, BigDecimal acceleratorCount,
            Double acceleratorMemoryGib, BigDecimal vcpus, BigDecimal memoryGib, String cpuArchitecture) {
        this.instanceType = instanceType;
        this.region = region;
        this.accelerator = accelerator;
        this.acceleratorCount = acceleratorCount;
        this.acceleratorMemoryGib = acceleratorMemoryGib;
        this.vcpus = vcpus;
        this.memoryGib = memoryGib;
        this.cpuArchitecture = cpuArchitecture;
    }

    boolean emitted(PurchaseOption option, int paymentRank) {
        return (emitted & (1 << (option.ordinal() * 3 + paymentRank))) != 0;
    }

    void markEmitted(PurchaseOption option, int paymentRank) {
        emitted |= 1 << (option.ordinal() * 3 + paymentRank);
    }
}
