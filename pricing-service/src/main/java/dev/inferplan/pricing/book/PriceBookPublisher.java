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
import dev.inferplan.pricing.events.PriceBookEvents;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.OfferSink;
import dev.inferplan.pricing.pricelists.PriceListParts;
import dev.inferplan.pricing.pricelists.PriceListReader;
import dev.inferplan.pricing.pricelists.RejectedRow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * Turns one price list into a new version of its provider's book, in one transaction: the
 * version, all its offers, and the superseding of the previous version commit together or not
 * at all, with its {@code PRICE_BOOK_CHANGED} event. Strict mode refuses the whole file on any rejected row or duplicate offer; lenient
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

    private final ProviderLocks locks;
    private final PriceBookEvents events;
    private final Event<PriceBookPublished> published;
    private final Clock clock;

    @Inject
    public PriceBookPublisher(ProviderLocks locks, PriceBookEvents events, Event<PriceBookPublished> published) {
        this(locks, events, published, Clock.systemUTC());
    }

    PriceBookPublisher(ProviderLocks locks, PriceBookEvents events, Event<PriceBookPublished> published, Clock clock) {
        this.locks = locks;
        this.events = events;
        this.published = published;
        this.clock = clock;
    }

    /** Who publishes what; {@code sha256} identifies the source content. */
    public record Source(String provider, String format, String name, String sha256, String importedBy, boolean strict) {
    }

    /** Told every {@value OfferBatchWriter#BATCH_SIZE} rows, for progress reporting. */
    public interface Progress {
        void rows(long rowsRead, long offers, long rejected);
    }

    /**
     * A new version, or ({@code unchanged}) the provider's current version, which was imported from the same
     * source: then nothing was written.
     */
    public record Published(long versionId, boolean unchanged, long rowsRead, long offersCreated,
                            List<RejectedRow> rejected, long rejectedCount, List<RejectedRow> warnings,
                            long warningCount) {
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

    /**
     * Publishes the source as the provider's new version. Waits first for any other publication of the
     * provider to commit ({@link ProviderLocks}; {@link ProviderLocks#ensure} must have run); a source
     * identical to the version then current publishes nothing.
     */
    @Transactional(rollbackOn = Exception.class)
    public Published publish(Source source, PriceListReader reader, PriceListParts content, ImportContext context,
                             Progress progress, int maxReportedRejections) throws IOException {
        Connection connection = entityManager.unwrap(Connection.class);
        long started = System.nanoTime();
        try {
            locks.hold(connection, source.provider());
            java.util.Optional<long[]> same = currentWithSource(connection, source);
            if (same.isPresent()) {
                return new Published(same.get()[0], true, 0, 0, List.of(), 0, List.of(), 0);
            }
            Long previous = current(connection, source.provider());
            Instant now = clock.instant();
            long versionId = insertVersion(connection, source, now);
            Collector collector = new Collector(maxReportedRejections, progress, reader);
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
                    : suspects.get().isEmpty() ? Duplicates.NONE
                    : duplicatesAmong(connection, versionId, suspects.get(), maxReportedRejections);
            if (source.strict() && duplicates.conflicts() > 0) {
                throw new RefusedException("duplicate offers in one file (strict mode refuses the whole file)",
                        duplicates.reported(), duplicates.conflicts(), collector.rowsRead);
            }
            if (!duplicates.laterIds().isEmpty()) {
                delete(connection, duplicates.laterIds());
                collector.offers -= duplicates.laterIds().size();
                duplicates.reported().forEach(collector::rejected);
                collector.rejectedCount += duplicates.conflicts() - duplicates.reported().size();
                duplicates.warnings().forEach(collector::warning);
                collector.warningCount += duplicates.identical() - duplicates.warnings().size();
            }
            if (collector.offers == 0) {
                throw new RefusedException("the file holds no importable offer", collector.rejected,
                        collector.rejectedCount, collector.rowsRead);
            }
            long configurations = DeployableConfigurations.assemble(connection, versionId, source.provider());
            long checked = System.nanoTime();
            finishVersion(connection, source.provider(), versionId, collector.offers + configurations, now);
            events.append(connection, source.provider(), versionId, previous, now, source.importedBy());
            published.fire(new PriceBookPublished(source.provider(), versionId, previous == null ? 0 : previous));
            long finished = System.nanoTime();
            // Where an import's time goes, for tuning (docs/benchmarks.md): the commit follows.
            LOGGER.info(() -> String.format("version %d (%s): read and written in %.2f s, duplicates checked and %d"
                    + " configurations assembled in %.2f s, superseded and counted in %.2f s", versionId, source.provider(),
                    (written - started) / 1e9, configurations, (checked - written) / 1e9, (finished - checked) / 1e9));
            return new Published(versionId, false, collector.rowsRead, collector.offers, collector.rejected,
                    collector.rejectedCount, collector.warnings, collector.warningCount);
        } catch (SQLException e) {
            throw new IllegalStateException("price book write failed: " + e.getMessage(), e);
        }
    }

    /** The provider's current version, or null. */
    static Long current(Connection connection, String provider) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM price_book_version"
                + " WHERE provider = ? AND superseded_at IS NULL")) {
            select.setString(1, provider);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }
    }

    /** The provider's current version if it was imported from the same source (same sha256): {id}. */
    private static java.util.Optional<long[]> currentWithSource(Connection connection, Source source) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM price_book_version"
                + " WHERE provider = ? AND superseded_at IS NULL AND source_sha256 = ?")) {
            select.setString(1, source.provider());
            select.setString(2, source.sha256());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? java.util.Optional.of(new long[] {row.getLong(1)}) : java.util.Optional.empty();
            }
        }
    }

    static long insertVersion(Connection connection, Source source, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO price_book_version"
                + " (provider, created_at, format, source_name, source_sha256, offer_count, imported_by)"
                + " VALUES (?, ?, ?, ?, ?, 0, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, source.provider());
            insert.setTimestamp(2, Timestamp.from(now));
            insert.setString(3, source.format());
            insert.setString(4, cut(source.name(), 255));
            insert.setString(5, source.sha256());
            insert.setString(6, cut(source.importedBy(), 128));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * Every offer after the first of its key (the first written is kept): {@code laterIds} all of them to delete;
     * {@code reported} the first lines of those that disagree with the first (rejections), {@code warnings} the
     * first lines of exact duplicates (the same offer in every field: imported once, as real catalogs need).
     */
    private record Duplicates(List<Long> laterIds, List<RejectedRow> reported, long conflicts, List<RejectedRow> warnings,
                              long identical) {
        static final Duplicates NONE = new Duplicates(List.of(), List.of(), 0, List.of(), 0);
    }

    /** The fields two offers of one key are compared by: everything but where they came from. */
    private static final String COMPARED = "region, zone, instance_type, offer_kind, accelerator, accelerator_count,"
            + " accelerator_memory_gib, vcpus, memory_gib, cpu_architecture, purchase_option, hourly_usd, upfront_usd,"
            + " source_price, source_currency, source_unit, price_unit, served_model, unit_price_usd, payment_option,"
            + " effective_from, effective_to";
    private static final int COMPARED_COUNT = COMPARED.split(",").length;

    /** One offer of a repeated key: its id, line, key and compared fields. */
    private record Repeated(long id, long line, String key, List<String> fields) {
        static Repeated read(ResultSet row) throws SQLException {
            List<String> fields = new ArrayList<>(COMPARED_COUNT);
            for (int i = 0; i < COMPARED_COUNT; i++) {
                fields.add(row.getString(4 + i));
            }
            return new Repeated(row.getLong(1), row.getLong(2), row.getString(3), fields);
        }
    }

    /** More repeated keys than this are not listed in memory: the window pass below finds them instead. */
    private static final int MAX_LISTED_REPEATS = 100_000;

    private static Duplicates duplicates(Connection connection, long versionId, int max) throws SQLException {
        // The keys that repeat, from the (version, key, line) index alone: a walk in key order that holds nothing.
        // A file of millions of offers (the Bloom filter then alarms on too many keys) costs an index scan here,
        // where the window pass below sorted every offer's compared fields on the server.
        List<String> repeated = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT offer_key FROM price_offer"
                + " WHERE version_id = ? GROUP BY offer_key HAVING COUNT(*) > 1")) {
            select.setLong(1, versionId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next() && repeated.size() <= MAX_LISTED_REPEATS) {
                    repeated.add(result.getString(1));
                }
            }
        }
        if (repeated.size() <= MAX_LISTED_REPEATS) {
            return repeated.isEmpty() ? Duplicates.NONE : duplicatesAmong(connection, versionId, repeated, max);
        }
        List<Repeated> rows = new ArrayList<>();
        // One pass over the version, keeping the offers whose key repeats (a join of the offers with their grouped
        // keys was planned as a block-nested loop by MariaDB: seconds).
        try (PreparedStatement select = connection.prepareStatement("SELECT id, source_line, offer_key, " + COMPARED
                + " FROM (SELECT id, source_line, offer_key, " + COMPARED + ", COUNT(*) OVER (PARTITION BY offer_key) AS n"
                + " FROM price_offer WHERE version_id = ?) d WHERE n > 1")) {
            select.setLong(1, versionId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(Repeated.read(result));
                }
            }
        }
        return classify(rows, max);
    }

    /** The same answer as {@link #duplicates}, asking only about the keys that may repeat (by index lookups). */
    private static Duplicates duplicatesAmong(Connection connection, long versionId, List<String> keys, int max)
            throws SQLException {
        List<Repeated> rows = new ArrayList<>();
        int chunk = 500;
        for (int from = 0; from < keys.size(); from += chunk) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + chunk));
            try (PreparedStatement select = connection.prepareStatement("SELECT id, source_line, offer_key, " + COMPARED
                    + " FROM price_offer WHERE version_id = ? AND offer_key IN (" + "?, ".repeat(part.size() - 1) + "?)")) {
                select.setLong(1, versionId);
                for (int i = 0; i < part.size(); i++) {
                    select.setString(i + 2, part.get(i));
                }
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(Repeated.read(result));
                    }
                }
            }
        }
        return classify(rows, max);
    }

    private static Duplicates classify(List<Repeated> rows, int max) {
        rows.sort(java.util.Comparator.comparing(Repeated::key).thenComparingLong(Repeated::id));
        java.util.Map<String, Repeated> first = new java.util.HashMap<>();
        List<Repeated> conflicting = new ArrayList<>();
        List<Repeated> identical = new ArrayList<>();
        for (Repeated row : rows) {
            Repeated kept = first.putIfAbsent(row.key(), row);
            if (kept != null) {
                (kept.fields().equals(row.fields()) ? identical : conflicting).add(row);
            }
        }
        if (conflicting.isEmpty() && identical.isEmpty()) {
            return Duplicates.NONE;
        }
        java.util.Comparator<Repeated> byLine = java.util.Comparator.comparingLong(Repeated::line)
                .thenComparingLong(Repeated::id);
        conflicting.sort(byLine);
        identical.sort(byLine);
        List<Long> later = new ArrayList<>(conflicting.size() + identical.size());
        conflicting.forEach(row -> later.add(row.id()));
        identical.forEach(row -> later.add(row.id()));
        return new Duplicates(later,
                conflicting.stream().limit(max).map(row -> new RejectedRow(row.line(), null, "duplicate offer " + row.key()
                        + " (first at line " + first.get(row.key()).line() + ")")).toList(), conflicting.size(),
                identical.stream().limit(max).map(row -> new RejectedRow(row.line(), null, "exact duplicate of line "
                        + first.get(row.key()).line() + " (the same offer in every field): imported once")).toList(),
                identical.size());
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

    static void finishVersion(Connection connection, String provider, long versionId, long offers, Instant now)
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

    /**
     * Receives rows from a reader: offers the book's columns can hold to the batch writer, the others and the
     * reader's rejections to a bounded list, warnings to another.
     */
    private static final class Collector implements OfferSink {
        private final int maxReported;
        private final Progress progress;
        private final PriceListReader reader;
        private final List<RejectedRow> rejected = new ArrayList<>();
        private final List<RejectedRow> warnings = new ArrayList<>();
        private OfferBatchWriter writer;
        private long offers;
        private long rejectedCount;
        private long warningCount;
        private long rowsRead;
        private RejectedRow lastLimit;

        Collector(int maxReported, Progress progress, PriceListReader reader) {
            this.maxReported = maxReported;
            this.progress = progress;
            this.reader = reader;
        }

        @Override
        public void offer(OfferRow row) {
            java.util.Optional<OfferLimits.Violation> beyond = OfferLimits.check(row);
            if (beyond.isPresent()) {
                RejectedRow rejection = new RejectedRow(row.line(), reader.column(beyond.get().field(), row),
                        beyond.get().reason());
                if (!rejection.equals(lastLimit)) {   // the other offers of one row fail alike: one rejection
                    lastLimit = rejection;
                    rejected(rejection);
                }
                return;
            }
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

        @Override
        public void warning(RejectedRow row) {
            warningCount++;
            if (warnings.size() < maxReported) {
                warnings.add(row);
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
