package dev.inferplan.recommender.snapshots;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The snapshot on {@code /metrics}: {@code recommender_snapshot_age_seconds} (since the catalog and the book
 * were last confirmed current; NaN before the first load) and {@code recommender_snapshot_stale} (1 while the
 * last check of an upstream failed and answers come from the last good snapshot, 0 otherwise, NaN before the
 * first load). Recommendation latency is the REST route's own {@code REST_request_seconds}.
 */
@ApplicationScoped
public class SnapshotMetrics {

    private final SnapshotStore store;
    private final MetricRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public SnapshotMetrics(SnapshotStore store, MetricRegistry metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        metrics.gauge(Metadata.builder().withName("recommender_snapshot_age_seconds")
                .withDescription("Seconds since the snapshot was last confirmed current; NaN before the first load")
                .build(), this, SnapshotMetrics::ageSeconds);
        metrics.gauge(Metadata.builder().withName("recommender_snapshot_stale")
                .withDescription("1 while answers come from the last good snapshot because an upstream check failed")
                .build(), this, m -> m.store.standing().map(s -> s.stale() ? 1.0 : 0.0).orElse(Double.NaN));
    }

    double ageSeconds() {
        return store.standing().map(s -> Duration.between(s.confirmedAt(), clock.instant()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }
}
