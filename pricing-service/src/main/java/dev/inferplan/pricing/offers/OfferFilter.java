package dev.inferplan.pricing.offers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import dev.inferplan.contracts.pricing.PurchaseOption;

/** What a caller asks of the book; every part optional. {@code accelerator "none"} means CPU-only. */
public record OfferFilter(Optional<String> provider,
                          Optional<String> region,
                          Optional<String> accelerator,
                          Optional<BigDecimal> minAcceleratorCount,
                          Optional<BigDecimal> maxAcceleratorCount,
                          Optional<BigDecimal> minVcpus,
                          Optional<BigDecimal> minMemoryGib,
                          Optional<PurchaseOption> purchaseOption,
                          Optional<BigDecimal> maxHourlyUsd,
                          Optional<Instant> asOf) {

    /** The same filter without its instant (which versions are in force already captures it). */
    public OfferFilter withoutAsOf() {
        return new OfferFilter(provider, region, accelerator, minAcceleratorCount, maxAcceleratorCount, minVcpus,
                minMemoryGib, purchaseOption, maxHourlyUsd, Optional.empty());
    }
}
