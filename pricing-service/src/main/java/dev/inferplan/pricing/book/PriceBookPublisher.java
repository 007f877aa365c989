package dev.inferplan.pricing.book;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.pricing.imports.ImportContext;
import dev.inferplan.pricing.imports.OfferRow;
import dev.inferplan.pricing.imports.OfferSink;
import dev.inferplan.pricing.imports.PriceListParts;
import dev.inferplan.pricing.imports.PriceListReader;
import dev.inferplan.pricing.imports.RejectedRow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Turns one price list into a new version of its provider's book, in one transaction: the
 * version, all its offers, and the superseding of the previous version commit together or not
 * at all. Strict mode refuses the whole file on any rejected row or duplicate offer; lenient
 * mode keeps the good rows (the first of duplicates) and reports every rejected one.
 */
@ApplicationScoped
public class PriceBookPublisher {

    private static final java.util.logging.Logger LOGGER =
            java.util.logging.Logger.getLogger(PriceBookPublisher.class.getName());

    // Bulk JDBC on the connection EclipseLink holds for the current JTA transaction, so the
    // offers commit or roll back with everything else (a plain DataSource connection would not).
    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    private final Clock clock;

    @Inject
    public PriceBookPublisher() {
        this(Clock.systemUTC());
    }

    PriceBookPublisher(Clock clock) {
        this.clock = clock;
    }

    /** Who publishes what; {@code sha256} identifies the source content. */
    public record Source(String provider, String format, String name, String sha256, String importedBy, boolean strict) {
    }

    /** Told every {@value OfferBatchWriter#BATCH_SIZE} rows, for progress reporting. */
    public interface Progress {
        void rows(long rowsRead, long offers, long rejected);
    }

    public record Published(long versionId, long rowsRead, long offersCreated, List<RejectedRow> rejected,
                            long rejectedCount) {
    }

    /** Refused whole: nothing was written. Carries every reason (rows and duplicates) found. */
    public static final class RefusedException extends RuntimeException {
        private final transient List<RejectedRow> rejected;
        private final long rejectedCount;
        private final long rowsRead;

        RefusedException(String message, List<RejectedRow> rejected, long rejectedCount, long rowsRead) {
            super(message);
            this.rejected = List.copyOf(rejected);
            this.rejectedCount = rejectedCount;
            this.rowsRead = rowsRead;
        }

        public List<RejectedRow> rejected() {
            return rejected;
        }

        public long rejectedCount() {
            return rejectedCount;
        }

        public long rowsRead() {
            return rowsRead;
        }
    }

    @Transactional(rollbackOn = Exception.class)
    public Published publish(Source source, PriceListReader reader, PriceListParts content, ImportContext context,
                             Progress progress, int maxReportedRejections) throws IOException {
        Instant now = clock.instant();
        Connection connection = entityManager.unwrap(Connection.class);
        long started = System.nanoTime();
        try {
            long versionId = insertVersion(connection, source, now);
            Collector collector = new Collector(maxReportedRejections, progress);
            java.util.Optional<List<String>> suspects;
            try (OfferBatchWriter writer = new OfferBatchWriter(connection, versionId, source.provider())) {
                collector.writer = writer;
                reader.read(content, context, collector);
                writer.flush();
                suspects = writer.suspectKeys();
            } catch (UncheckedSqlException e) {
                throw e.getCause();
            }
            if (source.strict() && collector.rejectedCount > 0) {
                throw new RefusedException(collector.rejectedCount + " rows rejected (strict mode refuses the whole file)",
                        collector.rejected, collector.rejectedCount, collector.rowsRead);
            }
            long written = System.nanoTime();
            Duplicates duplicates = suspects.isEmpty() ? duplicates(connection, versionId, maxReportedRejections)
                    : suspects.get().isEmpty() ? new Duplicates(List.of(), List.of())
                    : duplicatesAmong(connection, versionId, suspects.get(), maxReportedRejections);
            if (!duplicates.laterIds().isEmpty()) {
                if (source.strict()) {
                    throw new RefusedException("duplicate offers in one file (strict mode refuses the whole file)",
                            duplicates.reported(), duplicates.laterIds().size(), collector.rowsRead);
                }
                delete(connection, duplicates.laterIds());
                collector.offers -= duplicates.laterIds().size();
                duplicates.reported().forEach(collector::rejected);
                collector.rejectedCount += duplicates.laterIds().size() - duplicates.reported().size();
            }
            if (collector.offers == 0) {
                throw new RefusedException("the file holds no importable offer", collector.rejected,
                        collector.rejectedCount, collector.rowsRead);
            }
            long checked = System.nanoTime();
            finishVersion(connection, source.provider(), versionId, collector.offers, now);
            long finished = System.nanoTime();
            // Where an import's time goes, for tuning (docs/benchmarks.md): the commit follows.
            LOGGER.info(() -> String.format("version %d (%s): read and written in %.2f s, duplicates checked in %.2f s,"
                    + " superseded and counted in %.2f s", versionId, source.provider(), (written - started) / 1e9,
                    (checked - written) / 1e9, (finished - checked) / 1e9));
            return new Published(versionId, collector.rowsRead, collector.offers, collector.rejected,
                    collector.rejectedCount);
        } catch (SQLException e) {
            throw new IllegalStateException("price book write failed: " + e.getMessage(), e);
        }
    }

    private static long insertVersion(Connection connection, Source source, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO price_book_version"
                + " (provider, created_at, format, source_name, source_sha256, offer_count, imported_by)"
                + " VALUES (?, ?, ?, ?, ?, 0, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, source.provider());
            insert.setTimestamp(2, Timestamp.from(now));
            insert.setString(3, source.format());
            insert.setString(4, source.name());
            insert.setString(5, source.sha256());
            insert.setString(6, source.importedBy());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Every offer after the first of its key (the first written is kept), and the first lines of them. */
    private record Duplicates(List<Long> laterIds, List<RejectedRow> reported) {
    }

    private static Duplicates duplicates(Connection connection, long versionId, int max) throws SQLException {
        List<Long> later = new ArrayList<>();
        List<RejectedRow> reported = new ArrayList<>();
        // One pass over the (version, key, line) index (it holds key, line and id): no join, no row reads. A join
        // of the offers with their grouped keys was planned as a block-nested loop by MariaDB (seconds).
        try (PreparedStatement select = connection.prepareStatement("SELECT id, source_line, offer_key, first_line FROM"
                + " (SELECT id, source_line, offer_key,"
                + " ROW_NUMBER() OVER (PARTITION BY offer_key ORDER BY id) AS nth,"
                + " FIRST_VALUE(source_line) OVER (PARTITION BY offer_key ORDER BY id) AS first_line"
                + " FROM price_offer WHERE version_id = ?) d WHERE nth > 1 ORDER BY source_line, id")) {
            select.setLong(1, versionId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    later.add(rows.getLong(1));
                    if (reported.size() < max) {
                        reported.add(duplicate(rows.getLong(2), rows.getString(3), rows.getLong(4)));
                    }
                }
            }
        }
        return new Duplicates(later, reported);
    }

    /** The same answer as {@link #duplicates}, asking only about the keys that may repeat (by index lookups). */
    private static Duplicates duplicatesAmong(Connection connection, long versionId, List<String> keys, int max)
            throws SQLException {
        record Row(long id, long line, String key) {
        }
        List<Row> rows = new ArrayList<>();
        int chunk = 500;
        for (int from = 0; from < keys.size(); from += chunk) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + chunk));
            try (PreparedStatement select = connection.prepareStatement("SELECT id, source_line, offer_key FROM price_offer"
                    + " WHERE version_id = ? AND offer_key IN (" + "?, ".repeat(part.size() - 1) + "?)")) {
                select.setLong(1, versionId);
                for (int i = 0; i < part.size(); i++) {
                    select.setString(i + 2, part.get(i));
                }
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(new Row(result.getLong(1), result.getLong(2), result.getString(3)));
                    }
                }
            }
        }
        rows.sort(java.util.Comparator.comparing(Row::key).thenComparingLong(Row::id));
        List<Row> later = new ArrayList<>();
        java.util.Map<String, Long> firstLine = new java.util.HashMap<>();
        for (Row row : rows) {
            if (firstLine.putIfAbsent(row.key(), row.line()) != null) {
                later.add(row);
            }
        }
        later.sort(java.util.Comparator.comparingLong(Row::line).thenComparingLong(Row::id));
        List<RejectedRow> reported = later.stream().limit(max)
                .map(row -> duplicate(row.line(), row.key(), firstLine.get(row.key()))).toList();
        return new Duplicates(later.stream().map(Row::id).toList(), reported);
    }

    private static RejectedRow duplicate(long line, String key, long firstLine) {
        return new RejectedRow(line, null, "duplicate offer " + key + " (first at line " + firstLine + ")");
    }

    private static void delete(Connection connection, List<Long> ids) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM price_offer WHERE id = ?")) {
            for (int i = 0; i < ids.size(); i++) {
                delete.setLong(1, ids.get(i));
                delete.addBatch();
                if ((i + 1) % OfferBatchWriter.BATCH_SIZE == 0) {
                    delete.executeBatch();
                }
            }
            delete.executeBatch();
        }
    }

    private static void finishVersion(Connection connection, String provider, long versionId, long offers, Instant now)
            throws SQLException {
        try (PreparedStatement supersede = connection.prepareStatement("UPDATE price_book_version SET superseded_at = ?"
                + " WHERE provider = ? AND superseded_at IS NULL AND id <> ?");
             PreparedStatement count = connection.prepareStatement(
                     "UPDATE price_book_version SET offer_count = ? WHERE id = ?")) {
            supersede.setTimestamp(1, Timestamp.from(now));
            supersede.setString(2, provider);
            supersede.setLong(3, versionId);
            supersede.executeUpdate();
            count.setLong(1, offers);
            count.setLong(2, versionId);
            count.executeUpdate();
        }
    }

    /** Receives rows from a reader: offers to the batch writer, rejections to a bounded list. */
    private static final class Collector implements OfferSink {
        private final int maxReported;
        private final Progress progress;
        private final List<RejectedRow> rejected = new ArrayList<>();
        private OfferBatchWriter writer;
        private long offers;
        private long rejectedCount;
        private long rowsRead;

        Collector(int maxReported, Progress progress) {
            this.maxReported = maxReported;
            this.progress = progress;
        }

        @Override
        public void offer(OfferRow row) {
            try {
                writer.write(row);
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
            rowsRead = Math.max(rowsRead, row.line());
            if (++offers % OfferBatchWriter.BATCH_SIZE == 0) {
                progress.rows(rowsRead, offers, rejectedCount);
            }
        }

        @Override
        public void rejected(RejectedRow row) {
            rowsRead = Math.max(rowsRead, row.line());
            rejectedCount++;
            if (rejected.size() < maxReported) {
                rejected.add(row);
            }
        }
    }

    private static final class UncheckedSqlException extends RuntimeException {
        UncheckedSqlException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

}
