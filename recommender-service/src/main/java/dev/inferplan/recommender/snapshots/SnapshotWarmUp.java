package dev.inferplan.recommender.snapshots;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.inferplan.platform.security.ServiceToken;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the first snapshot at start-up, with the recommender's own token, so that the first user does
 * not wait for a whole-book load (185k offers: seconds on an idle machine, longer than the gateway's
 * timeout on a busy one). Every role reads the same catalog and book, so a snapshot loaded as viewer
 * is the one any caller would load. Upstreams that are not up yet are asked again every
 * {@code recommender.snapshot.warm-up-retry} until one load succeeds; a request that arrives meanwhile
 * waits for the load in progress (SnapshotStore's lock) instead of starting its own.
 */
@ApplicationScoped
public class SnapshotWarmUp {

    private static final Logger LOG = Logger.getLogger(SnapshotWarmUp.class.getName());

    private final SnapshotStore store;
    private final ServiceToken token;
    private final boolean enabled;
    private final Duration retry;
    private volatile Thread thread;

    @Inject
    public SnapshotWarmUp(SnapshotStore store,
                          @ConfigProperty(name = "recommender.snapshot.warm-up", defaultValue = "true") boolean enabled,
                          @ConfigProperty(name = "recommender.snapshot.warm-up-retry", defaultValue = "PT5S") Duration retry,
                          @ConfigProperty(name = "recommender.service-token") Optional<String> configured,
                          @ConfigProperty(name = "recommender.service-token.key-dir", defaultValue = "var/jwt") Path keys,
                          @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "inferplan-local") String issuer) {
        this.store = store;
        this.enabled = enabled;
        this.retry = retry;
        this.token = new ServiceToken(configured, keys, issuer, "recommender-service");
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!enabled) {
            return;
        }
        if (token.get() == null) {
            LOG.info("no snapshot warm-up: no RECOMMENDER_SERVICE_TOKEN and no local key pair; the first request loads it");
            return;
        }
        thread = Thread.ofVirtual().name("snapshot-warm-up").start(this::warm);
    }

    private void warm() {
        long started = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                store.current(token.get());
                LOG.info(String.format("snapshot warmed in %.1f s", (System.nanoTime() - started) / 1e9));
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "snapshot warm-up: upstreams not ready (" + e.getMessage() + "); trying again in "
                        + retry.toSeconds() + " s");
            }
            try {
                Thread.sleep(retry);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @PreDestroy
    void stop() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
