package dev.inferplan.pricing.offers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * The accelerator offers of price-book versions, held in memory and answered by a scan: a version
 * never changes after it is published, so its offers are read once and kept (LRU, a bounded number of
 * versions). The cheapest-per-accelerator question over the whole book then costs a pass over a few
 * thousand rows instead of a grouped or correlated query per filter, which H2 cannot plan well and
 * MariaDB answers in seconds over 176k offers.
 */
public final class AcceleratorOffers {

    /** Cheapest first within each accelerator; ties by id, so answers are deterministic. */
    static final Comparator<PriceOffer> CHEAPEST = Comparator.comparing(PriceOffer::accelerator)
            .thenComparing(PriceOffer::perAcceleratorHourUsd)
            .thenComparingLong(PriceOffer::id);

    private final int maxVersions;
    private final Map<Long, CompletableFuture<List<PriceOffer>>> byVersion;

    public AcceleratorOffers(int maxVersions) {
        this.maxVersions = maxVersions;
        this.byVersion = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * For each accelerator, the offer with the lowest price per accelerator-hour among the given
     * versions' offers that match the filter, in accelerator order.
     *
     * @param load reads one version's accelerator offers when they are not held yet
     */
    public List<PriceOffer> cheapestPerAccelerator(List<Long> versions, OfferFilter filter,
                                                   LongFunction<List<PriceOffer>> load) {
        Map<String, PriceOffer> cheapest = new HashMap<>();
        for (long version : versions) {
            String current = null;
            for (PriceOffer offer : offersOf(version, load)) {
                if (offer.accelerator().equals(current) || !filter.matches(offer)) {
                    continue; // sorted: the first match per accelerator is this version's cheapest
                }
                current = offer.accelerator();
                cheapest.merge(current, offer, (a, b) -> CHEAPEST.compare(a, b) <= 0 ? a : b);
            }
        }
        List<PriceOffer> answer = new ArrayList<>(cheapest.values());
        answer.sort(CHEAPEST);
        return answer;
    }

    private List<PriceOffer> offersOf(long version, LongFunction<List<PriceOffer>> load) {
        CompletableFuture<List<PriceOffer>> mine = new CompletableFuture<>();
        CompletableFuture<List<PriceOffer>> held;
        synchronized (byVersion) {
            held = byVersion.putIfAbsent(version, mine);
            while (byVersion.size() > maxVersions) {
                byVersion.remove(byVersion.keySet().iterator().next());
            }
        }
        if (held != null) {
            return held.join(); // loaded, or being loaded by another caller: read once
        }
        try {
            List<PriceOffer> loaded = new ArrayList<>(load.apply(version));
            loaded.removeIf(offer -> offer.accelerator() == null || offer.perAcceleratorHourUsd() == null);
            loaded.sort(CHEAPEST);
            List<PriceOffer> offers = List.copyOf(loaded);
            mine.complete(offers);
            return offers;
        } catch (RuntimeException e) {
            synchronized (byVersion) {
                byVersion.remove(version, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** How many versions are held (for tests and metrics). */
    public int heldVersions() {
        synchronized (byVersion) {
            return byVersion.size();
        }
    }
}
