package dev.inferplan.pricing.offers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The accelerator offers of price-book versions, held in memory and answered by a scan: a version
 * never changes after it is published, so its offers are read once and kept (LRU, a bounded number of
 * versions). The cheapest-per-accelerator question over the whole book then costs a pass over a few
 * thousand rows instead of a grouped or correlated query per filter, which H2 cannot plan well and
 * MariaDB answers in seconds over 176k offers.
 *
 * <p>What is held is bounded by what the question can tell apart, not by the version's size: per
 * accelerator, region, purchase option, offer kind and accelerator count only the cheapest offer
 * (lowest price per accelerator-hour, then lowest id) is kept while a version is read, since the
 * question filters by exactly those (a version is one provider's). A generated catalog of millions of
 * GPU offers is held in the few thousand offers that can ever be an answer.
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
    public List<PriceOffer> cheapestPerAccelerator(List<Long> versions, OfferFilter filter, Loader load) {
        if (!filter.accelerators().isEmpty() || filter.maxAcceleratorCount().isPresent() || filter.minVcpus().isPresent()
                || filter.minMemoryGib().isPresent() || filter.maxHourlyUsd().isPresent()) {
            throw new IllegalArgumentException("the cheapest offers are held per accelerator, region, purchase option,"
                    + " kind and count: other filters cannot be answered from them");
        }
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

    /** Reads one version's offers that have a price per accelerator-hour, each to the sink. */
    @FunctionalInterface
    public interface Loader {
        void load(long version, java.util.function.Consumer<PriceOffer> sink);
    }

    private record Group(String accelerator, String region, String purchaseOption, String offerKind,
                         java.math.BigDecimal acceleratorCount) {
        static Group of(PriceOffer o) {
            return new Group(o.accelerator(), o.region(), o.purchaseOption(), o.offerKind(),
                    o.acceleratorCount().stripTrailingZeros());
        }
    }

    private static final Comparator<PriceOffer> BY_PRICE = Comparator.comparing(PriceOffer::perAcceleratorHourUsd)
            .thenComparingLong(PriceOffer::id);

    private List<PriceOffer> offersOf(long version, Loader load) {
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
            Map<Group, PriceOffer> cheapestOfGroup = new HashMap<>();
            load.load(version, offer -> {
                if (offer.accelerator() != null && offer.perAcceleratorHourUsd() != null) {
                    cheapestOfGroup.merge(Group.of(offer), offer, (a, b) -> BY_PRICE.compare(a, b) <= 0 ? a : b);
                }
            });
            List<PriceOffer> loaded = new ArrayList<>(cheapestOfGroup.values());
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
