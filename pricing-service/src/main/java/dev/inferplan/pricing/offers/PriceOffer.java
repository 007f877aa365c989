package dev.inferplan.pricing.offers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import dev.inferplan.pricing.pricelists.OfferKind;

/**
 * One offer of one price-book version as it is read (imports write offers in bulk with JDBC, reads
 * are JDBC too: {@link OfferRepository}). A {@code CONFIGURATION} also carries its parts' prices.
 *
 * @param hostOfferKind     a configuration's host part: INSTANCE or HOST; null for a TPU VM and other kinds
 * @param hostHourlyUsd     that part's price
 * @param attachedHourlyUsd a configuration's attached accelerators' price (all of them together)
 * @param unit              a PER_UNIT offer's unit of work (contracts PriceUnit label), else null; such an offer
 *                          has no hourlyUsd
 * @param servedModel       the model a PER_UNIT offer serves
 * @param unitPriceUsd      a PER_UNIT offer's price of one unit
 * @param paymentOption     how a commitment is paid (NO_UPFRONT, PARTIAL_UPFRONT, ALL_UPFRONT), null if the source
 *                          has no such choice
 * @param effectiveFrom     from when the source says the price applies, null when it does not say
 * @param effectiveTo       until when, null when open or unknown
 */
public record PriceOffer(long id, long versionId, String provider, String region, String zone, String instanceType,
                         String offerKind, String accelerator, BigDecimal acceleratorCount,
                         BigDecimal acceleratorMemoryGib, BigDecimal vcpus, BigDecimal memoryGib, String cpuArchitecture,
                         String purchaseOption, BigDecimal hourlyUsd, BigDecimal perAcceleratorHourUsd,
                         BigDecimal perVcpuHourUsd, BigDecimal upfrontUsd, String offerKey, String hostOfferKind,
                         BigDecimal hostHourlyUsd, BigDecimal attachedHourlyUsd, String unit, String servedModel,
                         BigDecimal unitPriceUsd, String paymentOption, java.time.Instant effectiveFrom,
                         java.time.Instant effectiveTo) {

    /** One part of a configuration: the host (INSTANCE or HOST) or the attached accelerators. */
    public record Part(String offerKind, String instanceType, String accelerator, BigDecimal acceleratorCount,
                       BigDecimal hourlyUsd) {
    }

    /** An instance offer built in memory (tests of the in-memory queries). */
    PriceOffer(long id, long versionId, String provider, String region, String accelerator, BigDecimal acceleratorCount,
               BigDecimal vcpus, BigDecimal memoryGib, String purchaseOption, BigDecimal hourlyUsd) {
        this(id, versionId, provider, region, "", "test-" + id, OfferKind.INSTANCE.name(), accelerator, acceleratorCount,
                null, vcpus, memoryGib, null, purchaseOption, hourlyUsd,
                acceleratorCount == null || acceleratorCount.signum() == 0 ? null
                        : hourlyUsd.divide(acceleratorCount, 10, RoundingMode.HALF_EVEN),
                null, null, "test-" + id + "|" + region + "|" + purchaseOption, null, null, null, null, null, null, null,
                null, null);
    }

    /** What a configuration is made of, each part with its own price (hourlyUsd is their sum); empty otherwise. */
    public List<Part> parts() {
        if (!OfferKind.CONFIGURATION.name().equals(offerKind)) {
            return List.of();
        }
        List<Part> parts = new ArrayList<>(2);
        if (hostOfferKind != null) {
            parts.add(new Part(hostOfferKind, instanceType, null, null, hostHourlyUsd));
        }
        parts.add(new Part(OfferKind.ATTACHABLE_ACCELERATOR.name(), "", accelerator, acceleratorCount, attachedHourlyUsd));
        return List.copyOf(parts);
    }
}
