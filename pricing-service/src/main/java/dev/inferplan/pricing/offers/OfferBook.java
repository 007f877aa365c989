package dev.inferplan.pricing.offers;

import java.util.List;
import java.util.Map;

import dev.inferplan.pricing.book.PriceBookVersion;
import dev.inferplan.pricing.book.PriceBookVersions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Reads the book: the versions in force now or as of an instant, then the offers in them. The
 * REST resource and the gRPC adapter both ask here.
 */
@ApplicationScoped
public class OfferBook {

    private final PriceBookVersions versions;
    private final OfferRepository offers;

    @Inject
    public OfferBook(PriceBookVersions versions, OfferRepository offers) {
        this.versions = versions;
        this.offers = offers;
    }

    public record Page(List<OfferView> items, long total) {
    }

    @Transactional
    public Page find(OfferFilter filter, String sort, int offset, int limit) {
        List<Long> inForce = inForce(filter);
        return new Page(offers.find(inForce, filter, sort, offset, limit).stream().map(OfferView::of).toList(),
                offers.count(inForce, filter));
    }

    /**
     * Memoized per (versions in force, filter): a version's offers never change, so an answer stays
     * right until an import changes which versions are in force (then the key differs).
     */
    @Transactional
    public List<OfferView> cheapestPerAccelerator(OfferFilter filter) {
        List<Long> inForce = inForce(filter);
        return cheapest.computeIfAbsent(new CheapestKey(inForce, filter.withoutAsOf()),
                key -> acceleratorOffers.cheapestPerAccelerator(inForce, filter, offers::acceleratorOffers).stream()
                        .map(OfferView::of).toList());
    }

    private final AcceleratorOffers acceleratorOffers = new AcceleratorOffers(16);

    private record CheapestKey(List<Long> versions, OfferFilter filter) {
    }

    private final Map<CheapestKey, List<OfferView>> cheapest = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CheapestKey, List<OfferView>> eldest) {
                    return size() > 256;
                }
            });

    /** Streams every matching offer to the consumer inside one read transaction. */
    @Transactional
    public void forEach(OfferFilter filter, java.util.function.Consumer<PriceOffer> consumer) {
        try (java.util.stream.Stream<PriceOffer> stream = offers.stream(inForce(filter), filter)) {
            stream.forEach(consumer);
        }
    }

    @Transactional
    public java.util.Optional<PriceOffer> byKey(String provider, String offerKey, java.util.Optional<java.time.Instant> asOf) {
        List<Long> inForce = versions.inForce(asOf).stream().filter(v -> v.provider().equals(provider))
                .map(PriceBookVersion::id).toList();
        return offers.byKey(inForce, provider, offerKey);
    }

    private List<Long> inForce(OfferFilter filter) {
        return versions.inForce(filter.asOf()).stream()
                .filter(v -> filter.provider().map(p -> p.equals(v.provider())).orElse(true))
                .map(PriceBookVersion::id)
                .toList();
    }
}
