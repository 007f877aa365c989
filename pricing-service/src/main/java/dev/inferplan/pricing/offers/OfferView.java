package dev.inferplan.pricing.offers;

import java.math.BigDecimal;

import dev.inferplan.contracts.money.Money;

/** An offer as the API shows it; money as decimal strings. */
public record OfferView(String provider, String region, String zone, String instanceType, String offerKind,
                        String accelerator, BigDecimal acceleratorCount, BigDecimal acceleratorMemoryGib,
                        BigDecimal vcpus, BigDecimal memoryGib, String cpuArchitecture, String purchaseOption,
                        Money hourlyUsd, Money perAcceleratorHourUsd, Money perVcpuHourUsd, Money upfrontUsd,
                        long priceBookVersion) {

    static OfferView of(PriceOffer o) {
        return new OfferView(o.provider(), o.region(), o.zone(), o.instanceType(), o.offerKind(), o.accelerator(),
                strip(o.acceleratorCount()), strip(o.acceleratorMemoryGib()), strip(o.vcpus()), strip(o.memoryGib()),
                o.cpuArchitecture(), o.purchaseOption(), money(o.hourlyUsd()), money(o.perAcceleratorHourUsd()),
                money(o.perVcpuHourUsd()), money(o.upfrontUsd()), o.versionId());
    }

    private static Money money(BigDecimal value) {
        return value == null ? null : new Money(value);
    }

    private static BigDecimal strip(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
