package dev.inferplan.pricing.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.inferplan.pricing.book.ProviderLocks;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;

/**
 * The price book's change log: a {@code PRICE_BOOK_CHANGED} event for every new version, written in
 * the version's own transaction (so there is an event exactly when there is a version), with what
 * moved against the version it superseded. Others follow it by position: the catalog's drift
 * re-review reads the events after the last position it handled.
 */
@ApplicationScoped
public class PriceBookEvents {

    public static final String PRICE_BOOK_CHANGED = "PRICE_BOOK_CHANGED";
    /** Serializes appends to commit (providers match [a-z][a-z0-9-]*, so this is no provider's key). */
    static final String LOCK = "~events";

    private final DataSource dataSource;
    private final ProviderLocks locks;

    @Inject
    public PriceBookEvents(@Named("pricing") DataSource dataSource, ProviderLocks locks) {
        this.dataSource = dataSource;
        this.locks = locks;
    }

    /** What moved between a version and the one it superseded, matched by offer key. */
    public record Summary(long added, long removed, long priceUp, long priceDown, long unchanged) {
    }

    public record Event(long position, String type, String provider, long priceBookVersion, Long previousVersion,
                        Instant occurredAt, String importedBy, Summary summary) {
    }

    /** A page of events after a position; {@code position} is the last one returned (or the one asked after). */
    public record Page(List<Event> items, long position) {
    }

    /** Creates the lock row appends hold, after the migrations and before anything publishes (the seed). */
    void prepare(@Observes @Priority(Interceptor.Priority.APPLICATION + 60) @Initialized(ApplicationScoped.class)
                 Object started) {
        locks.ensure(LOCK);
    }

    /**
     * Appends the event of a new version, on the publishing transaction's connection, after its offers are
     * written: the summary is counted against {@code previousVersion}, and the position is taken under a lock
     * held to commit.
     */
    public Event append(Connection connection, String provider, long versionId, Long previousVersion, Instant at,
                        String importedBy) throws SQLException {
        Summary summary = summary(connection, versionId, previousVersion);
        locks.hold(connection, LOCK);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO price_book_event (type, provider,"
                + " version_id, previous_version_id, occurred_at, imported_by, added, removed, price_up, price_down,"
                + " unchanged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
            int i = 1;
            insert.setString(i++, PRICE_BOOK_CHANGED);
            insert.setString(i++, provider);
            insert.setLong(i++, versionId);
            insert.setObject(i++, previousVersion);
            insert.setTimestamp(i++, Timestamp.from(at));
            insert.setString(i++, importedBy.length() <= 128 ? importedBy : importedBy.substring(0, 128));
            insert.setLong(i++, summary.added());
            insert.setLong(i++, summary.removed());
            insert.setLong(i++, summary.priceUp());
            insert.setLong(i++, summary.priceDown());
            insert.setLong(i, summary.unchanged());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Event(keys.getLong(1), PRICE_BOOK_CHANGED, provider, versionId, previousVersion, at, importedBy,
                        summary);
            }
        }
    }

    private static Summary summary(Connection connection, long versionId, Long previous) throws SQLException {
        long offers = count(connection, "SELECT COUNT(*) FROM price_offer WHERE version_id = ?", versionId);
        if (previous == null) {
            return new Summary(offers, 0, 0, 0, 0);
        }
        String onlyIn = "SELECT COUNT(*) FROM price_offer n WHERE n.version_id = ? AND NOT EXISTS"
                + " (SELECT 1 FROM price_offer o WHERE o.version_id = ? AND o.offer_key = n.offer_key)";
        long added = count(connection, onlyIn, versionId, previous);
        long removed = count(connection, onlyIn, previous, versionId);
        long up;
        long down;
        try (PreparedStatement moved = connection.prepareStatement("SELECT"
                + " COALESCE(SUM(CASE WHEN n.hourly_usd > o.hourly_usd THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN n.hourly_usd < o.hourly_usd THEN 1 ELSE 0 END), 0)"
                + " FROM price_offer n JOIN price_offer o ON o.version_id = ? AND o.offer_key = n.offer_key"
                + " WHERE n.version_id = ?")) {
            moved.setLong(1, previous);
            moved.setLong(2, versionId);
            try (ResultSet row = moved.executeQuery()) {
                row.next();
                up = row.getLong(1);
                down = row.getLong(2);
            }
        }
        return new Summary(added, removed, up, down, offers - added - up - down);
    }

    private static long count(Connection connection, String sql, long... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setLong(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The events after {@code position}, oldest first, at most {@code limit}. Committed events only. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Page after(long position, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT position, type, provider, version_id,"
                     + " previous_version_id, occurred_at, imported_by, added, removed, price_up, price_down, unchanged"
                     + " FROM price_book_event WHERE position > ? ORDER BY position LIMIT ?")) {
            select.setLong(1, position);
            select.setInt(2, limit);
            List<Event> events = new ArrayList<>();
            long last = position;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Long previous = rows.getLong(5);
                    if (rows.wasNull()) {
                        previous = null;
                    }
                    Event event = new Event(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            previous, rows.getTimestamp(6).toInstant(), rows.getString(7),
                            new Summary(rows.getLong(8), rows.getLong(9), rows.getLong(10), rows.getLong(11),
                                    rows.getLong(12)));
                    events.add(event);
                    last = event.position();
                }
            }
            return new Page(events, last);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the price-book events: " + e.getMessage(), e);
        }
    }
}
