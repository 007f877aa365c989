package dev.inferplan.pricing.offers;

import java.math.BigDecimal;
import java.util.List;

import dev.inferplan.contracts.money.Money;

/**
 * An offer as the API shows it; money as decimal strings. {@code parts}: what a CONFIGURATION is made
 * of, each part with its own price ({@code hourlyUsd} is their sum); absent for other kinds. A PER_UNIT offer
 * has {@code unit}, {@code servedModel} and {@code unitPriceUsd} instead of {@code hourlyUsd}.
 */
public record OfferView(String provider, String region, String zone, String instanceType, String offerKind,
                        String accelerator, BigDecimal acceleratorCount, BigDecimal acceleratorMemoryGib,
                        BigDecimal vcpus, BigDecimal memoryGib, String cpuArchitecture, String purchaseOption,
                        Money hourlyUsd, Money perAcceleratorHourUsd, Money perVcpuHourUsd, Money upfrontUsd,
                        long priceBookVersion, List<PartView> parts, String unit, String servedModel,
                        Money unitPriceUsd, String paymentOption, java.time.Instant effectiveFrom,
                        java.time.Instant effectiveTo) {

    /** One part of a configuration. */
    public record PartView(String offerKind, String instanceType, String accelerator, BigDecimal acceleratorCount,
                           Money hourlyUsd) {
    }

    static OfferView of(PriceOffer o) {
        List<PartView> parts = o.parts().stream().map(p -> new PartView(p.offerKind(), p.instanceType(), p.accelerator(),
                strip(p.acceleratorCount()), money(p.hourlyUsd()))).toList();
        return new OfferView(o.provider(), o.region(), o.zone(), o.instanceType(), o.offerKind(), o.accelerator(),
                strip(o.acceleratorCount()), strip(o.acceleratorMemoryGib()), strip(o.vcpus()), strip(o.memoryGib()),
                o.cpuArchitecture(), o.purchaseOption(), money(o.hourlyUsd()), money(o.perAcceleratorHourUsd()),
                money(o.perVcpuHourUsd()), money(o.upfrontUsd()), o.versionId(), parts.isEmpty() ? null : parts,
                o.unit(), o.servedModel(), money(o.unitPriceUsd()), o.paymentOption(), o.effectiveFrom(),
                o.effectiveTo());
    }

    private static Money money(BigDecimal value) {
        return value == null ? null : new Money(value);
    }

    private static BigDecimal strip(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
