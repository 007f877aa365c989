package dev.inferplan.recommender.snapshots;

import java.time.Instant;
import java.util.List;

/**
 * The price book as made of these versions (one per provider): its deployable offers, and its per-unit offers
 * (hosted model APIs; none in reports saved before they existed).
 */
public record PriceSnapshot(List<Long> bookVersions, List<PriceOffer> offers, Instant loadedAt,
                            List<UnitOffer> unitOffers) {

    public PriceSnapshot {
        bookVersions = bookVersions.stream().sorted().toList();
        offers = List.copyOf(offers);
        unitOffers = unitOffers == null ? List.of() : List.copyOf(unitOffers);
    }

    /**
     * For the load benchmark only ({@code recommender.bench.offer-copies}): every offer {@code copies} times,
     * the copies in regions named {@code <region>~<k>}, so that cost can be measured against the number of
     * candidates. Never set in a deployment: the copies are not offers of any provider.
     */
    public PriceSnapshot times(int copies) {
        if (copies <= 1) {
            return this;
        }
        List<PriceOffer> all = new java.util.ArrayList<>(offers.size() * copies);
        all.addAll(offers);
        java.util.Map<String, String> regions = new java.util.HashMap<>();
        for (int k = 1; k < copies; k++) {
            for (PriceOffer o : offers) {
                String copy = o.region() + "~" + k;
                all.add(new PriceOffer(o.provider(), regions.computeIfAbsent(copy, r -> r), o.zone(), o.instanceType(), o.accelerator(),
                        o.acceleratorCount(), o.purchaseOption(), o.hourlyUsd(), o.priceBookVersion(), o.kind(),
                        o.parts(), o.upfrontUsd()));
            }
        }
        return new PriceSnapshot(bookVersions, all, loadedAt, unitOffers);
    }
}
