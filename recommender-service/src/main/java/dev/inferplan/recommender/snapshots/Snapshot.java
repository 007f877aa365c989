package dev.inferplan.recommender.snapshots;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog and the price book held in memory and indexed for the query: task → versions, version →
 * evidence, (accelerator, count) → deployable offers by hourly price, "provider/instanceType" → offers.
 * Immutable; a refresh builds a new one.
 */
public final class Snapshot {

    private static final Comparator<PriceOffer> BY_PRICE = Comparator.comparing(PriceOffer::hourlyUsd);

    private final CatalogSnapshot catalog;
    private final PriceSnapshot prices;
    private final Map<String, List<ModelVersion>> versionsByTask = new HashMap<>();
    private final Map<Long, List<Evidence>> evidenceByVersion = new HashMap<>();
    private final Map<HardwareKey, List<PriceOffer>> offersByHardware = new HashMap<>();
    private final Map<String, List<PriceOffer>> offersByInstanceType = new HashMap<>();
    private final Map<String, List<UnitOffer>> unitOffersByModel = new HashMap<>();
    private final Set<String> providers = new HashSet<>();
    private final Set<String> regions = new HashSet<>();
    private final Set<String> metricNames = new HashSet<>();

    public Snapshot(CatalogSnapshot catalog, PriceSnapshot prices) {
        this.catalog = catalog;
        this.prices = prices;
        for (ModelVersion version : catalog.versions()) {
            versionsByTask.computeIfAbsent(version.task(), t -> new ArrayList<>()).add(version);
            version.metrics().forEach(m -> metricNames.add(m.name()));
        }
        for (Evidence evidence : catalog.evidence()) {
            evidenceByVersion.computeIfAbsent(evidence.modelVersionId(), v -> new ArrayList<>()).add(evidence);
        }
        for (PriceOffer offer : prices.offers()) {
            if (!offer.deployable()) {
                continue;   // a raw GCP part is priced only inside a CONFIGURATION, never alone
            }
            providers.add(offer.provider());
            regions.add(offer.region());
            if (offer.accelerator() != null && !offer.accelerator().isEmpty()) {
                offersByHardware.computeIfAbsent(new HardwareKey(offer.accelerator(), offer.acceleratorCount()),
                        k -> new ArrayList<>()).add(offer);
            }
            offersByInstanceType.computeIfAbsent(offer.qualifiedInstanceType(), k -> new ArrayList<>()).add(offer);
        }
        for (UnitOffer offer : prices.unitOffers()) {
            providers.add(offer.provider());
            regions.add(offer.region());
            unitOffersByModel.computeIfAbsent(offer.servedModel(), k -> new ArrayList<>()).add(offer);
        }
        offersByHardware.values().forEach(list -> list.sort(BY_PRICE));
        offersByInstanceType.values().forEach(list -> list.sort(BY_PRICE));
    }

    public CatalogSnapshot catalog() {
        return catalog;
    }

    public PriceSnapshot prices() {
        return prices;
    }

    public List<ModelVersion> versionsOf(String task) {
        return versionsByTask.getOrDefault(task, List.of());
    }

    public List<Evidence> evidenceOf(long modelVersionId) {
        return evidenceByVersion.getOrDefault(modelVersionId, List.of());
    }

    /** Deployable offers with exactly this accelerator and count, cheapest first. */
    public List<PriceOffer> offersWith(String accelerator, double count) {
        return offersByHardware.getOrDefault(new HardwareKey(accelerator, count), List.of());
    }

    /** Deployable offers of one instance type named "provider/instanceType", cheapest first. */
    public List<PriceOffer> offersOf(String qualifiedInstanceType) {
        return offersByInstanceType.getOrDefault(qualifiedInstanceType, List.of());
    }

    /** The per-unit offers of a served model (hosted APIs), in the book's order. */
    public List<UnitOffer> unitOffersFor(String servedModel) {
        return unitOffersByModel.getOrDefault(servedModel, List.of());
    }

    public boolean knowsTask(String task) {
        return catalog.tasks().contains(task) || versionsByTask.containsKey(task);
    }

    public boolean knowsMetric(String name) {
        return metricNames.contains(name);
    }

    public boolean knowsProvider(String provider) {
        return providers.contains(provider);
    }

    public boolean knowsRegion(String region) {
        return regions.contains(region);
    }

    private record HardwareKey(String accelerator, double count) {
    }
}
