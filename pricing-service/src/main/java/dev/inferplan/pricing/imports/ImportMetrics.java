package dev.inferplan.pricing.imports;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code pricing_import_rows_per_second{provider}}: the rows per second of the provider's last import that
 * published a version (read, checked, written and committed), registered at its first one. A falling
 * figure is a database or a source getting slower before the imports start to time out.
 */
@ApplicationScoped
public class ImportMetrics {

    private final MetricRegistry metrics;
    private final Map<String, Double> rowsPerSecond = new ConcurrentHashMap<>();

    @Inject
    public ImportMetrics(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    /** The CDI proxy's constructor. */
    protected ImportMetrics() {
        this.metrics = null;
    }

    /** An import of the provider published {@code rows} rows in {@code nanos}. */
    public void published(String provider, long rows, long nanos) {
        if (rowsPerSecond.put(provider, rows / Math.max(1e-9, nanos / 1e9)) == null) {
            metrics.gauge(Metadata.builder().withName("pricing_import_rows_per_second")
                            .withDescription("Rows per second of the provider's last import that published a version")
                            .build(), rowsPerSecond, all -> all.getOrDefault(provider, Double.NaN),
                    new Tag("provider", provider));
        }
    }
}
