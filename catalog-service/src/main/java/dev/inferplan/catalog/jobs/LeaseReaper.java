package dev.inferplan.catalog.jobs;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts jobs whose runner stopped heartbeating back in the queue (or fails them past their
 * attempts) once at start-up and then every {@code catalog.jobs.reaper-interval-seconds}, so a dead
 * runner's job shows as QUEUED even before another runner asks for work, also when it died while the
 * catalog was down. Leasing does the same for the jobs it meets.
 */
@ApplicationScoped
public class LeaseReaper {

    private static final Logger LOGGER = Logger.getLogger(LeaseReaper.class.getName());

    private final JobLeasing leasing;
    private final long intervalSeconds;
    private ScheduledExecutorService scheduler;

    @Inject
    public LeaseReaper(JobLeasing leasing,
                       @ConfigProperty(name = "catalog.jobs.reaper-interval-seconds", defaultValue = "10") long intervalSeconds) {
        this.leasing = leasing;
        this.intervalSeconds = intervalSeconds;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (intervalSeconds <= 0) {
            LOGGER.info("the lease reaper is off (catalog.jobs.reaper-interval-seconds <= 0); leasing still re-queues expired jobs");
            return;
        }
        // after the migrations (an earlier observer) and before the service answers: no read after a
        // restart shows the lease of a runner that died while the catalog was down
        reap();
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lease-reaper").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::reap, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    private void reap() {
        try {
            leasing.reapExpired();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "reaping expired leases failed; trying again in " + intervalSeconds + " s", e);
        }
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
