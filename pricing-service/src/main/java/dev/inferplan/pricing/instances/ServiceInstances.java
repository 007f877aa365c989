package dev.inferplan.pricing.instances;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This running instance of the service, registered in the database with a heartbeat. Work an
 * instance owns (an import) is only as alive as its owner: an instance whose heartbeat is older
 * than {@code pricing.instances.expiry-seconds} is gone (crashed, killed), and whoever runs the
 * sweeps ({@link #onHeartbeat}) at start-up and with every heartbeat fails its work as INTERRUPTED.
 * Times are each instance's own clock, so clocks of replicas must agree to well within the expiry.
 */
@ApplicationScoped
public class ServiceInstances {

    private static final Logger LOGGER = Logger.getLogger(ServiceInstances.class.getName());

    /** Work to do with every heartbeat, told the instant before which heartbeats mean "gone". */
    @FunctionalInterface
    public interface Sweep {
        void sweep(Instant goneBefore);
    }

    private final DataSource dataSource;
    private final Duration heartbeat;
    private final Duration expiry;
    private final Clock clock;
    private final String id = UUID.randomUUID().toString();
    private final List<Sweep> sweeps = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("instance-heartbeat").factory());

    @Inject
    public ServiceInstances(@Named("pricing") DataSource dataSource,
                            @ConfigProperty(name = "pricing.instances.heartbeat-seconds", defaultValue = "10")
                            long heartbeatSeconds,
                            @ConfigProperty(name = "pricing.instances.expiry-seconds", defaultValue = "60")
                            long expirySeconds) {
        this.dataSource = dataSource;
        this.heartbeat = Duration.ofSeconds(Math.max(1, heartbeatSeconds));
        this.expiry = Duration.ofSeconds(Math.max(heartbeatSeconds * 2, expirySeconds));
        this.clock = Clock.systemUTC();
    }

    /** This instance's id, recorded with the work it owns. */
    public String id() {
        return id;
    }

    /** Runs {@code sweep} at every heartbeat from now on (and at the next one, which follows start-up at once). */
    public void onHeartbeat(Sweep sweep) {
        sweeps.add(sweep);
    }

    // After the migrations (PLATFORM_BEFORE), before anything that starts work (the seed, APPLICATION + 500).
    void register(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) @Initialized(ApplicationScoped.class)
                  Object started) {
        Instant now = clock.instant();
        execute("INSERT INTO service_instance (id, host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)",
                id, host(), ProcessHandle.current().pid(), now, now);
        LOGGER.info(() -> "instance " + id + " registered; heartbeat every " + heartbeat.toSeconds()
                + " s, gone after " + expiry.toSeconds() + " s");
        timer.scheduleWithFixedDelay(this::beat, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            Instant now = clock.instant();
            execute("UPDATE service_instance SET heartbeat_at = ? WHERE id = ?", now, id);
            Instant goneBefore = now.minus(expiry);
            for (Sweep sweep : sweeps) {
                sweep.sweep(goneBefore);
            }
            // Instances gone for a day are of no more use to anyone.
            execute("DELETE FROM service_instance WHERE heartbeat_at < ?", now.minus(Duration.ofDays(1)));
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "heartbeat failed; retried at the next one", e);
        }
    }

    @PreDestroy
    void deregister() {
        timer.shutdownNow();
        try {
            execute("DELETE FROM service_instance WHERE id = ?", id);
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "could not deregister; the heartbeat expires instead", e);
        }
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                statement.setObject(i + 1, p instanceof Instant instant ? Timestamp.from(instant) : p);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("instance registry: " + e.getMessage(), e);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
