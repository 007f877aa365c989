package dev.inferplan.catalog.versions;

import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Loads the {@link VersionIndex} in the background once the seed catalog is written, and is not
 * ready until it is: otherwise the first searches under load would all queue behind the load.
 * A failed load is tried again at the next check.
 */
@Readiness
@ApplicationScoped
public class VersionIndexReadiness implements HealthCheck {

    private static final Logger LOGGER = Logger.getLogger(VersionIndexReadiness.class.getName());

    private final VersionIndex index;
    private final AtomicReference<Thread> loading = new AtomicReference<>();

    @Inject
    public VersionIndexReadiness(VersionIndex index) {
        this.index = index;
    }

    // After the seed catalog (APPLICATION + 500).
    void loadOnStartup(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) @Initialized(ApplicationScoped.class)
                       Object event) {
        load();
    }

    @Override
    public HealthCheckResponse call() {
        boolean loaded = index.loaded();
        if (!loaded) {
            load();
        }
        return HealthCheckResponse.named("version-index").status(loaded)
                .withData("state", loaded ? "versions in memory" : "loading versions").build();
    }

    private void load() {
        Thread current = loading.get();
        if (current != null && current.isAlive()) {
            return;
        }
        Thread next = Thread.ofPlatform().name("version-index-load").daemon().unstarted(() -> {
            try {
                index.warm();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "loading the version index failed; readiness will try again", e);
            }
        });
        if (loading.compareAndSet(current, next)) {
            next.start();
        }
    }
}
