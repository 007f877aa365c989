package dev.inferplan.pricing.book;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Which version of each provider's book is in force: now (not superseded) or as of an instant
 * (created at or before it, superseded after it or never).
 */
@ApplicationScoped
public class PriceBookVersions {

    @PersistenceContext(unitName = "pricing")
    private EntityManager entityManager;

    public List<PriceBookVersion> inForce(Optional<Instant> asOf) {
        if (asOf.isEmpty()) {
            return entityManager.createQuery(
                    "SELECT v FROM PriceBookVersion v WHERE v.supersededAt IS NULL ORDER BY v.provider",
                    PriceBookVersion.class).getResultList();
        }
        return entityManager.createQuery("SELECT v FROM PriceBookVersion v WHERE v.createdAt <= :asOf"
                        + " AND (v.supersededAt IS NULL OR v.supersededAt > :asOf) ORDER BY v.provider",
                        PriceBookVersion.class)
                .setParameter("asOf", asOf.get())
                .getResultList();
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
