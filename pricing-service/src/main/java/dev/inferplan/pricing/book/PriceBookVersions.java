package dev.inferplan.pricing.book;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Which version of each provider's book is in force: now (not superseded) or as of an instant
 * (created at or before it, superseded after it or never).
 */
@ApplicationScoped
public class PriceBookVersions {

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    @Named("pricing")
    private DataSource dataSource;

    /**
     * How long the versions in force now are reused: every read of the book asks for them, and at a few
     * thousand reads a second one query each took the pool and the database (docs/benchmarks.md). An import
     * in this instance forgets them at once ({@link #forgetInForce()}); another instance's import shows here
     * within this interval.
     */
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "pricing.book.in-force-cache-ms", defaultValue = "1000")
    long inForceCacheMs;

    private record Cached(List<InForce> versions, long readAtNanos) {
    }

    private volatile Cached inForceNow;
    private final java.util.concurrent.atomic.AtomicLong forgotten = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The ids of the versions in force (now or as of an instant), of one provider or all. Every read
     * of the book starts here, the cheapest-offers requests on their hot path, so plain JDBC on a pooled connection of its own, outside JTA and
     * EclipseLink, whose shared accessor lock stalls the pool under concurrent reads (ADR 0005). It
     * reads committed rows only, which is all a reader of published versions may see.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<Long> inForceIds(Optional<Instant> asOf, Optional<String> provider) {
        return inForce(asOf).stream()
                .filter(version -> provider.map(version.provider()::equals).orElse(true))
                .map(InForce::id)
                .toList();
    }

    /** A version in force: what a snapshot of the book is made of. */
    public record InForce(String provider, long id, Instant createdAt, String sourceSha256) {
    }

    /** The version in force per provider, now or as of an instant, by provider (plain JDBC, as above). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<InForce> inForce(Optional<Instant> asOf) {
        if (asOf.isPresent()) {
            return read(asOf);
        }
        Cached cached = inForceNow;
        long now = System.nanoTime();
        if (cached != null && now - cached.readAtNanos() < inForceCacheMs * 1_000_000L) {
            return cached.versions();
        }
        long generation = forgotten.get();
        List<InForce> versions = read(asOf);
        // a forget during the read may have come after the read saw the old versions: keep them only if none did
        if (forgotten.get() == generation) {
            inForceNow = new Cached(versions, now);
        }
        return versions;
    }

    /**
     * A new version is committed: the next read asks the database. First among the observers, so the
     * cheapest offers warmed after it read the new versions.
     */
    void forgetOnPublish(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(Interceptor.Priority.PLATFORM_BEFORE)
                         PriceBookPublished published) {
        forgetInForce();
    }

    /** The next read asks the database. */
    public void forgetInForce() {
        forgotten.incrementAndGet();
        inForceNow = null;
    }

    private List<InForce> read(Optional<Instant> asOf) {
        String sql = "SELECT provider, id, created_at, source_sha256 FROM price_book_version WHERE "
                + (asOf.isEmpty() ? "superseded_at IS NULL" : "created_at <= ? AND (superseded_at IS NULL OR superseded_at > ?)")
                + " ORDER BY provider";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            if (asOf.isPresent()) {
                select.setTimestamp(1, Timestamp.from(asOf.get()));
                select.setTimestamp(2, Timestamp.from(asOf.get()));
            }
            List<InForce> versions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    versions.add(new InForce(rows.getString(1), rows.getLong(2), rows.getTimestamp(3).toInstant(),
                            rows.getString(4)));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the versions in force: " + e.getMessage(), e);
        }
    }

    public Optional<PriceBookVersion> current(String provider) {
        return entityManager.createQuery("SELECT v FROM PriceBookVersion v WHERE v.provider = :provider"
                        + " AND v.supersededAt IS NULL", PriceBookVersion.class)
                .setParameter("provider", provider)
                .getResultStream().findFirst();
    }

    public List<PriceBookVersion> history(Optional<String> provider) {
        return entityManager.createQuery("SELECT v FROM PriceBookVersion v"
                        + " WHERE (:provider IS NULL OR v.provider = :provider) ORDER BY v.id DESC",
                        PriceBookVersion.class)
                .setParameter("provider", provider.orElse(null))
                .getResultList();
    }

    public Optional<PriceBookVersion> byId(long id) {
        return Optional.ofNullable(entityManager.find(PriceBookVersion.class, id));
    }

    /** The version of the same provider that this one superseded, if any. */
    public Optional<PriceBookVersion> previous(PriceBookVersion version) {
        return entityManager.createQuery("SELECT v FROM PriceBookVersion v WHERE v.provider = :provider"
                        + " AND v.id < :id ORDER BY v.id DESC", PriceBookVersion.class)
                .setParameter("provider", version.provider())
                .setParameter("id", version.id())
                .setMaxResults(1)
                .getResultStream().findFirst();
    }
}
