package dev.inferplan.recommender.reports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.inferplan.recommender.plans.HardwareEquivalence;
import dev.inferplan.recommender.snapshots.CatalogSnapshot;
import dev.inferplan.recommender.snapshots.Evidence;
import dev.inferplan.recommender.snapshots.ModelVersion;
import dev.inferplan.recommender.snapshots.PriceOffer;
import dev.inferplan.recommender.snapshots.PriceSnapshot;
import dev.inferplan.recommender.snapshots.Snapshot;

/**
 * The part of a snapshot an answer can depend on: the task's model versions (every status), their
 * evidence, and every offer that evidence can be priced at (hardware equivalence). Every candidate
 * the planner builds for the request comes from these alone, so the same request over them gives the
 * same answer (ADR 0011).
 */
public record ReportInputs(CatalogSnapshot catalog, PriceSnapshot prices) {

    public static ReportInputs of(String task, Snapshot snapshot) {
        List<ModelVersion> versions = snapshot.versionsOf(task);
        List<Evidence> evidence = new ArrayList<>();
        Set<PriceOffer> offers = new LinkedHashSet<>();
        for (ModelVersion version : versions) {
            List<Evidence> ofVersion = snapshot.evidenceOf(version.id());
            evidence.addAll(ofVersion);
            ofVersion.stream()
                    .map(e -> new HardwareEquivalence.Hardware(e.pool(), e.accelerator(), e.acceleratorCount(),
                            e.instanceTypes()))
                    .distinct()
                    .forEach(hardware -> {
                        if (HardwareEquivalence.offersFor(hardware, snapshot) instanceof HardwareEquivalence.Priced p) {
                            offers.addAll(p.offers());
                        }
                    });
        }
        CatalogSnapshot catalog = snapshot.catalog();
        PriceSnapshot prices = snapshot.prices();
        List<dev.inferplan.recommender.snapshots.UnitOffer> unitOffers = versions.stream()
                .filter(ModelVersion::hosted).map(ModelVersion::servedModel).distinct()
                .flatMap(model -> snapshot.unitOffersFor(model).stream()).toList();
        return new ReportInputs(new CatalogSnapshot(catalog.position(), catalog.tasks(), versions, evidence,
                catalog.loadedAt()), new PriceSnapshot(prices.bookVersions(), List.copyOf(offers), prices.loadedAt(),
                unitOffers));
    }

    public Snapshot snapshot() {
        return new Snapshot(catalog, prices);
    }
}
