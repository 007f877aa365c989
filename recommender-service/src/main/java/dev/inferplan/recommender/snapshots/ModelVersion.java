package dev.inferplan.recommender.snapshots;

import java.util.List;
import java.util.Optional;

/**
 * A model version as the catalog states it, with its quality metrics (what a plan's quality comes from).
 * {@code servedModel} is set when its artifact is a hosted endpoint (format hosted): it is then priced by the
 * per-unit offers of that served model, not run on hardware.
 */
public record ModelVersion(long id, String family, String label, String task, String status, String tier,
                           List<QualityMetric> metrics, String servedModel) {

    public ModelVersion {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    public boolean hosted() {
        return servedModel != null && !servedModel.isEmpty();
    }

    /** The metric by name, on the dataset when one is asked for (else the first of that name). */
    public Optional<QualityMetric> metric(String name, String dataset) {
        return metrics.stream()
                .filter(m -> m.name().equals(name))
                .filter(m -> dataset == null || dataset.equals(m.dataset()))
                .findFirst();
    }
}
