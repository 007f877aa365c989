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

import jakarta.enterprise.context.ApplicationScoped;
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
     * The ids of the versions in force (now or as of an instant), of one provider or all. Every read
     * of the book starts here, the cheapest-offers requests on their hot path, so plain JDBC on a pooled connection of its own, outside JTA and
     * EclipseLink, whose shared accessor lock stalls the pool under concurrent reads (ADR 0005). It
     * reads committed rows only, which is all a reader of published versions may see.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<Long> inForceIds(Optional<Instant> asOf, Optional<String> provider) {
        String sql = "SELECT id, provider FROM price_book_version WHERE "
                + (asOf.isEmpty() ? "superseded_at IS NULL" : "created_at <= ? AND (superseded_at IS NULL OR superseded_at > ?)")
                + " ORDER BY provider";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            if (asOf.isPresent()) {
                select.setTimestamp(1, Timestamp.from(asOf.get()));
                select.setTimestamp(2, Timestamp.from(asOf.get()));
            }
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (provider.map(rows.getString(2)::equals).orElse(true)) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            return ids;
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
