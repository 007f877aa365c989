package dev.inferplan.catalog.seed;

import java.math.BigDecimal;
import java.util.List;

/** What one seed data set adds: families, their versions, and the versions' published metrics. */
record SeedPlan(String name, List<Family> families) {

    record Family(String name, String task, String owner, String description, String license, List<Version> versions) {
    }

    /** {@code artifactUri} null: no artifact; {@code sha256}/{@code sizeBytes} null: file not at hand. */
    record Version(String label, String artifactUri, String sha256, Long sizeBytes, String lineageKind,
                   String parentLabel, List<Metric> metrics) {
    }

    record Metric(String name, BigDecimal value, String dataset, String split, boolean higherIsBetter, String source) {
    }

    int versionCount() {
        return families.stream().mapToInt(f -> f.versions().size()).sum();
    }

    int metricCount() {
        return families.stream().flatMap(f -> f.versions().stream()).mapToInt(v -> v.metrics().size()).sum();
    }
}
