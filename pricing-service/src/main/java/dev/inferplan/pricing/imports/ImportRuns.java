package dev.inferplan.pricing.imports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.pricing.instances.ServiceInstances;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import dev.inferplan.pricing.pricelists.RejectedRow;

/**
 * The record of import runs. Every change commits on its own (REQUIRES_NEW) so progress is
 * visible while the import's own transaction is open, and a refused import keeps its report.
 * A run belongs to the instance that runs it; a run whose instance is gone is failed as
 * INTERRUPTED ({@link #interruptOrphans}), its offers never committed.
 */
@ApplicationScoped
public class ImportRuns {

    private static final Logger LOGGER = Logger.getLogger(ImportRuns.class.getName());

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    private final ServiceInstances instances;
    private final Map<Long, Outcome> unrecorded = new ConcurrentHashMap<>();

    // Through the container, so that record's transaction applies (a call on this would bypass it).
    @Inject
    private Provider<ImportRuns> self;
    private final Clock clock;

    @Inject
    public ImportRuns(ServiceInstances instances) {
        this(instances, Clock.systemUTC());
    }

    ImportRuns(ServiceInstances instances, Clock clock) {
        this.instances = instances;
        this.clock = clock;
    }

    // Before the instance registers (APPLICATION + 100), so its first heartbeat sweeps.
    void sweepWithEveryHeartbeat(@Observes @Priority(Interceptor.Priority.APPLICATION + 50)
                                 @Initialized(ApplicationScoped.class) Object started) {
        instances.onHeartbeat(this::interruptOrphans);
        instances.onHeartbeat(this::recordKept);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ImportRun start(String provider, String format, String mode, String sourceName, long bytes, String by) {
        // Inserted with JDBC: EclipseLink 4.0 reads H2 2.x identities with a function H2 removed.
        Connection connection = entityManager.unwrap(Connection.class);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO import_run (provider, format, mode,"
                + " source_name, source_bytes, status, progress, rows_read, offers_created, rejected_count, started_at,"
                + " started_by, owner_instance) VALUES (?, ?, ?, ?, ?, 'RUNNING', 0, 0, 0, 0, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, provider);
            insert.setString(2, format);
            insert.setString(3, mode);
            insert.setString(4, truncate(sourceName, 255));
            insert.setLong(5, bytes);
            insert.setTimestamp(6, Timestamp.from(clock.instant()));
            insert.setString(7, truncate(by, 128));
            insert.setString(8, instances.id());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return entityManager.find(ImportRun.class, keys.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the import: " + e.getMessage(), e);
        }
    }

    /** Progress from bytes read: percent and a linear ETA from the elapsed time. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void progress(long id, long bytesRead, long totalBytes, long rowsRead, long offers, long rejected) {
        ImportRun run = entityManager.find(ImportRun.class, id);
        double fraction = totalBytes <= 0 ? 0 : Math.min(1.0, (double) bytesRead / totalBytes);
        long elapsedMs = Duration.between(run.startedAt(), clock.instant()).toMillis();
        Long eta = fraction <= 0 ? null : Math.round(elapsedMs * (1 - fraction) / fraction / 1000.0);
        run.progress(BigDecimal.valueOf(fraction * 100).setScale(2, RoundingMode.HALF_UP), eta, rowsRead, offers, rejected);
    }

    /** What an import came to: its outcome, the reason when it FAILED, and its report. */
    public record Outcome(ImportRun.Status status, ImportRun.Reason reason, String detail, Long versionId, long rowsRead,
                          long offers, List<RejectedRow> rejected, long rejectedCount, List<RejectedRow> warnings,
                          long warningCount) {

        public static Outcome failed(ImportRun.Reason reason, String detail, long rowsRead, List<RejectedRow> rejected,
                                     long rejectedCount) {
            return new Outcome(ImportRun.Status.FAILED, reason, detail, null, rowsRead, 0, rejected, rejectedCount,
                    List.of(), 0);
        }
    }

    /**
     * Records the import's outcome. When the database cannot take it (it went down under the import,
     * which is then why the import failed), the outcome is kept and recorded at the first heartbeat
     * that can: an import never stays RUNNING because its failure could not be written.
     */
    public void finish(long id, Outcome outcome) {
        try {
            self.get().record(id, outcome);
            unrecorded.remove(id);
        } catch (RuntimeException e) {
            unrecorded.put(id, outcome);
            LOGGER.log(Level.WARNING, "import " + id + ": its outcome " + outcome.status() + " could not be recorded;"
                    + " retried with every heartbeat until it is", e);
        }
    }

    /** With every heartbeat: the outcomes {@link #finish} could not record. */
    void recordKept(Instant ignored) {
        unrecorded.forEach((id, outcome) -> {
            try {
                self.get().record(id, outcome);
                unrecorded.remove(id, outcome);
                LOGGER.info(() -> "import " + id + ": its outcome " + outcome.status() + " is recorded now");
            } catch (RuntimeException e) {
                LOGGER.log(Level.FINE, "import " + id + ": its outcome still cannot be recorded", e);
            }
        });
    }

    /** The outcome in its own transaction; callers use {@link #finish}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(long id, Outcome outcome) {
        ImportRun run = entityManager.find(ImportRun.class, id);
        if (run.status() != ImportRun.Status.RUNNING) {
            // failed as INTERRUPTED by a sweep that took this instance for gone: that verdict stands
            LOGGER.warning(() -> "import " + id + " was " + run.status() + " already; its outcome "
                    + outcome.status() + " is not recorded");
            return;
        }
        run.finish(outcome, clock.instant());
        insertRows("import_rejection", id, outcome.rejected());
        insertRows("import_warning", id, outcome.warnings());
    }

    private void insertRows(String table, long id, List<RejectedRow> rows) {
        int seq = 0;
        for (RejectedRow row : rows) {
            entityManager.createNativeQuery("INSERT INTO " + table + " (import_id, seq, line, column_name, reason)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .setParameter(1, id)
                    .setParameter(2, seq++)
                    .setParameter(3, row.line())
                    .setParameter(4, truncate(row.column(), 400))
                    .setParameter(5, truncate(row.reason(), 1000))
                    .executeUpdate();
        }
    }

    /**
     * Fails every RUNNING import whose instance is gone (no heartbeat since {@code goneBefore}, or
     * never registered: runs from before instances were recorded) with reason INTERRUPTED. Their
     * offers were never committed: an import publishes in one transaction.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void interruptOrphans(Instant goneBefore) {
        int interrupted = entityManager.createNativeQuery("UPDATE import_run SET status = 'FAILED', reason = ?,"
                        + " detail = ?, finished_at = ?, eta_seconds = 0 WHERE status = 'RUNNING' AND (owner_instance IS NULL"
                        + " OR owner_instance NOT IN (SELECT id FROM service_instance WHERE heartbeat_at >= ?))")
                .setParameter(1, ImportRun.Reason.INTERRUPTED.name())
                .setParameter(2, "interrupted: the instance running this import stopped before it finished"
                        + " (crashed or killed); nothing of it was published")
                .setParameter(3, Timestamp.from(clock.instant()))
                .setParameter(4, Timestamp.from(goneBefore))
                .executeUpdate();
        if (interrupted > 0) {
            LOGGER.warning(() -> interrupted + " import(s) of a stopped instance marked FAILED (INTERRUPTED)");
        }
    }

    /** When the provider's book was last confirmed by an import (SUCCEEDED or UNCHANGED), if ever. */
    @Transactional
    public Optional<Instant> lastSuccess(String provider) {
        Object at = entityManager.createNativeQuery("SELECT MAX(finished_at) FROM import_run WHERE provider = ?"
                + " AND status IN ('SUCCEEDED', 'UNCHANGED')").setParameter(1, provider).getSingleResult();
        return Optional.ofNullable(at).map(value -> value instanceof Timestamp t ? t.toInstant()
                : value instanceof java.time.LocalDateTime local ? local.toInstant(java.time.ZoneOffset.UTC)
                : Instant.parse(value.toString()));
    }

    @Transactional
    public Optional<ImportRun> byId(long id) {
        ImportRun run = entityManager.find(ImportRun.class, id);
        if (run != null) {
            entityManager.refresh(run);
        }
        return Optional.ofNullable(run);
    }

    @Transactional
    public List<RejectedRow> rejections(long id) {
        return rows("import_rejection", id);
    }

    @Transactional
    public List<RejectedRow> warnings(long id) {
        return rows("import_warning", id);
    }

    private List<RejectedRow> rows(String table, long id) {
        List<Object[]> rows = entityManager.createNativeQuery("SELECT line, column_name, reason FROM " + table
                + " WHERE import_id = ? ORDER BY seq").setParameter(1, id).getResultList();
        return rows.stream()
                .map(r -> new RejectedRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2]))
                .toList();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
