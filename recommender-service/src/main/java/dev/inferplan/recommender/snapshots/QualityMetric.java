package dev.inferplan.recommender.snapshots;

import java.math.BigDecimal;

/** One quality figure of a model version; {@code provenance} is PUBLISHED or MEASURED. */
public record QualityMetric(String name, BigDecimal value, String dataset, boolean higherIsBetter, String provenance) {
}
