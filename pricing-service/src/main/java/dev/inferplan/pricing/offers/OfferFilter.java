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

    /** No filter: every offer. */
    public static final OfferFilter ANY = new OfferFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /**
     * Whether an offer passes this filter, with the database queries' meaning (a missing value never
     * passes a bound); {@link #asOf()} is not an offer's property and is ignored here.
     */
    public boolean matches(PriceOffer offer) {
        return provider.map(offer.provider()::equals).orElse(true)
                && region.map(offer.region()::equals).orElse(true)
                && accelerator.map(a -> a.equals("none") ? offer.accelerator() == null : a.equals(offer.accelerator()))
                        .orElse(true)
                && atLeast(offer.acceleratorCount(), minAcceleratorCount)
                && atMost(offer.acceleratorCount(), maxAcceleratorCount)
                && atLeast(offer.vcpus(), minVcpus)
                && atLeast(offer.memoryGib(), minMemoryGib)
                && purchaseOption.map(p -> p.name().equals(offer.purchaseOption())).orElse(true)
                && atMost(offer.hourlyUsd(), maxHourlyUsd);
    }

    private static boolean atLeast(BigDecimal value, Optional<BigDecimal> bound) {
        return bound.isEmpty() || value != null && value.compareTo(bound.get()) >= 0;
    }

    private static boolean atMost(BigDecimal value, Optional<BigDecimal> bound) {
        return bound.isEmpty() || value != null && value.compareTo(bound.get()) <= 0;
    }

    /** The same filter without its instant (which versions are in force already captures it). */
    public OfferFilter withoutAsOf() {
        return new OfferFilter(provider, region, accelerator, minAcceleratorCount, maxAcceleratorCount, minVcpus,
                minMemoryGib, purchaseOption, maxHourlyUsd, Optional.empty());
    }
}
