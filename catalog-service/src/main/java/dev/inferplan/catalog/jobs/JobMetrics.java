package dev.inferplan.catalog.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The job queue on {@code /metrics}, per pool: {@code catalog_jobs_queued} and {@code catalog_jobs_leased}
 * (gauges, counted from the table at most every {@code catalog.jobs.metrics-max-age-seconds}, so a
 * scrape every few seconds costs one grouped query, not one per gauge) and
 * {@code catalog_job_lease_expiries_total} (leases that ran out without a heartbeat: a runner died or hung).
 */
@ApplicationScoped
public class JobMetrics {

    private static final Logger LOGGER = Logger.getLogger(JobMetrics.class.getName());

    private final DataSource dataSource;
    private final MetricRegistry metrics;
    private final long maxAgeNanos;
    private final Map<String, Counts> byPool = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile long countedAt = Long.MIN_VALUE;

    private record Counts(long queued, long leased) {
    }

    @Inject
    public JobMetrics(@Named("catalog") DataSource dataSource, MetricRegistry metrics,
                      @ConfigProperty(name = "catalog.jobs.metrics-max-age-seconds", defaultValue = "5") long maxAgeSeconds) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.maxAgeNanos = Duration.ofSeconds(Math.max(0, maxAgeSeconds)).toNanos();
    }

    /** Every registered pool's gauges from the start (a pool registered later is added at its first lease). */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT pool FROM hardware_pool");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                track(rows.getString(1));
            }
        } catch (SQLException e) {
            LOGGER.log(Level.WARNING, "reading the pools for /metrics failed; their gauges appear with their next job", e);
        }
    }

    /** Registers the pool's gauges (once); never while a scrape reads them. */
    public void track(String pool) {
        if (!registered.add(pool)) {
            return;
        }
        Tag tag = new Tag("pool", pool);
        metrics.gauge(Metadata.builder().withName("catalog_jobs_queued")
                .withDescription("Benchmark jobs waiting for the pool's runner").build(), this, m -> m.counts(pool).queued(), tag);
        metrics.gauge(Metadata.builder().withName("catalog_jobs_leased")
                .withDescription("Benchmark jobs a runner of the pool holds a lease on").build(), this, m -> m.counts(pool).leased(), tag);
        expiries(pool);
    }

    /** A lease of the pool ran out without a heartbeat. */
    public void leaseExpired(String pool) {
        track(pool);
        expiries(pool).inc();
    }

    private Counter expiries(String pool) {
        return metrics.counter(Metadata.builder().withName("catalog_job_lease_expiries_total")
                .withDescription("Leases that expired without a heartbeat (re-queued or failed)").build(), new Tag("pool", pool));
    }

    private Counts counts(String pool) {
        long now = System.nanoTime();
        if (countedAt == Long.MIN_VALUE || now - countedAt > maxAgeNanos) {
            synchronized (this) {
                if (countedAt == Long.MIN_VALUE || System.nanoTime() - countedAt > maxAgeNanos) {
                    recount();
                    countedAt = System.nanoTime();
                }
            }
        }
        return byPool.getOrDefault(pool, new Counts(0, 0));
    }

    private void recount() {
        Map<String, long[]> counted = new java.util.HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT pool, status, COUNT(*) FROM benchmark_job"
                     + " WHERE status IN ('QUEUED', 'LEASED', 'RUNNING') GROUP BY pool, status");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long[] pair = counted.computeIfAbsent(rows.getString(1), p -> new long[2]);
                pair[rows.getString(2).equals("QUEUED") ? 0 : 1] += rows.getLong(3);
            }
        } catch (SQLException e) {
            LOGGER.log(Level.WARNING, "counting benchmark jobs for /metrics failed; the gauges keep their last values", e);
            return;
        }
        registered.forEach(pool -> byPool.put(pool, new Counts(0, 0)));
        counted.forEach((pool, pair) -> byPool.put(pool, new Counts(pair[0], pair[1])));
    }
}
