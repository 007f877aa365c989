package dev.inferplan.catalog.versions;

import java.math.BigDecimal;
import java.time.Instant;

/** A quality metric with its provenance: PUBLISHED with a citation, or MEASURED with the run that produced it. */
public record MetricView(long id, long modelVersionId, String name, BigDecimal value, String dataset, String split,
                         boolean higherIsBetter, Provenance provenance, Instant createdAt, String createdBy) {

    public record Provenance(String kind, String source) {
    }

    public MetricView withValue(String newValue) {
        return new MetricView(id, modelVersionId, name, new BigDecimal(newValue), dataset, split, higherIsBetter,
                provenance, createdAt, createdBy);
    }
}
