package dev.inferplan.pricing.imports;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The record of import runs. Every change commits on its own (REQUIRES_NEW) so progress is
 * visible while the import's own transaction is open, and a refused import keeps its report.
 */
@ApplicationScoped
public class ImportRuns {

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    private final Clock clock;

    @Inject
    public ImportRuns() {
        this(Clock.systemUTC());
    }

    ImportRuns(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ImportRun start(String provider, String format, String mode, String sourceName, long bytes, String by) {
        // Inserted with JDBC: EclipseLink 4.0 reads H2 2.x identities with a function H2 removed.
        Connection connection = entityManager.unwrap(Connection.class);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO import_run (provider, format, mode,"
                + " source_name, source_bytes, status, progress, rows_read, offers_created, rejected_count, started_at,"
                + " started_by) VALUES (?, ?, ?, ?, ?, 'RUNNING', 0, 0, 0, 0, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, provider);
            insert.setString(2, format);
            insert.setString(3, mode);
            insert.setString(4, sourceName);
            insert.setLong(5, bytes);
            insert.setTimestamp(6, Timestamp.from(clock.instant()));
            insert.setString(7, by);
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

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finish(long id, ImportRun.Status status, String detail, Long versionId, long rowsRead, long offers,
                       List<RejectedRow> rejected, long rejectedCount) {
        ImportRun run = entityManager.find(ImportRun.class, id);
        run.finish(status, detail, versionId, rowsRead, offers, rejectedCount, clock.instant());
        int seq = 0;
        for (RejectedRow row : rejected) {
            entityManager.createNativeQuery("INSERT INTO import_rejection (import_id, seq, line, column_name, reason)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .setParameter(1, id)
                    .setParameter(2, seq++)
                    .setParameter(3, row.line())
                    .setParameter(4, row.column())
                    .setParameter(5, truncate(row.reason(), 1000))
                    .executeUpdate();
        }
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
        List<Object[]> rows = entityManager.createNativeQuery("SELECT line, column_name, reason FROM import_rejection"
                + " WHERE import_id = ? ORDER BY seq").setParameter(1, id).getResultList();
        return rows.stream()
                .map(r -> new RejectedRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2]))
                .toList();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
