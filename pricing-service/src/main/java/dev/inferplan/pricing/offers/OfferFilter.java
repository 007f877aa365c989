package dev.inferplan.pricing.offers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.OfferKind;

/**
 * What a caller asks of the book; every part optional. A set field matches any of its values (empty:
 * anything). {@code accelerators} may hold {@code "none"}: CPU-only offers. {@code kinds} is never
 * empty: deployable offers ({@link OfferKind#DEPLOYABLE}) unless the caller asked for parts.
 * {@code versions}, when not empty, names the price-book versions to read instead of those in force
 * now or {@code asOf}.
 */
public record OfferFilter(Set<String> providers,
                          Set<String> regions,
                          Set<String> accelerators,
                          Optional<BigDecimal> minAcceleratorCount,
                          Optional<BigDecimal> maxAcceleratorCount,
                          Optional<BigDecimal> minVcpus,
                          Optional<BigDecimal> minMemoryGib,
                          Set<PurchaseOption> purchaseOptions,
                          Optional<BigDecimal> maxHourlyUsd,
                          Optional<Instant> asOf,
                          Set<OfferKind> kinds,
                          List<Long> versions) {

    /** No filter: every deployable offer in force now. */
    public static final OfferFilter ANY = new OfferFilter(Set.of(), Set.of(), Set.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Optional.empty(),
            OfferKind.DEPLOYABLE, List.of());

    public OfferFilter {
        providers = Set.copyOf(providers);
        regions = Set.copyOf(regions);
        accelerators = Set.copyOf(accelerators);
        purchaseOptions = Set.copyOf(purchaseOptions);
        kinds = kinds.isEmpty() ? OfferKind.DEPLOYABLE : Set.copyOf(kinds);
        versions = List.copyOf(versions);
    }

    /**
     * Whether an offer passes this filter, with the database queries' meaning (a missing value never
     * passes a bound); which versions are read ({@link #asOf()}, {@link #versions()}) is not an offer's
     * property and is ignored here.
     */
    public boolean matches(PriceOffer offer) {
        return (providers.isEmpty() || providers.contains(offer.provider()))
                && (regions.isEmpty() || regions.contains(offer.region()))
                && (accelerators.isEmpty() || accelerators.contains(offer.accelerator() == null ? "none" : offer.accelerator()))
                && atLeast(offer.acceleratorCount(), minAcceleratorCount)
                && atMost(offer.acceleratorCount(), maxAcceleratorCount)
                && atLeast(offer.vcpus(), minVcpus)
                && atLeast(offer.memoryGib(), minMemoryGib)
                && (purchaseOptions.isEmpty() || purchaseOptions.stream().anyMatch(p -> p.name().equals(offer.purchaseOption())))
                && atMost(offer.hourlyUsd(), maxHourlyUsd)
                && kinds.stream().anyMatch(k -> k.name().equals(offer.offerKind()));
    }

    private static boolean atLeast(BigDecimal value, Optional<BigDecimal> bound) {
        return bound.isEmpty() || value != null && value.compareTo(bound.get()) >= 0;
    }

    private static boolean atMost(BigDecimal value, Optional<BigDecimal> bound) {
        return bound.isEmpty() || value != null && value.compareTo(bound.get()) <= 0;
    }

    /** The same filter without its instant and versions (which versions are read already captures them). */
    public OfferFilter withoutVersions() {
        return new OfferFilter(providers, regions, accelerators, minAcceleratorCount, maxAcceleratorCount, minVcpus,
                minMemoryGib, purchaseOptions, maxHourlyUsd, Optional.empty(), kinds, List.of());
    }
}
