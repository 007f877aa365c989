package dev.inferplan.pricing.offers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/** Queries over the offers of given price-book versions, filters as bind parameters. */
@ApplicationScoped
public class OfferRepository {

    /** Sort keys the API accepts, mapped to columns (never raw input in JPQL). */
    static final Map<String, String> SORTS = Map.of(
            "hourlyUsd", "o.hourlyUsd",
            "perAcceleratorHourUsd", "o.perAcceleratorHourUsd",
            "perVcpuHourUsd", "o.perVcpuHourUsd");

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    public List<PriceOffer> find(List<Long> versions, OfferFilter filter, String sort, int offset, int limit) {
        Where where = where(versions, filter);
        TypedQuery<PriceOffer> query = entityManager.createQuery("SELECT o FROM PriceOffer o WHERE " + where.jpql
                + " ORDER BY " + SORTS.getOrDefault(sort, "o.hourlyUsd") + ", o.id", PriceOffer.class);
        where.parameters.forEach(query::setParameter);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(List<Long> versions, OfferFilter filter) {
        Where where = where(versions, filter);
        TypedQuery<Long> query = entityManager.createQuery("SELECT COUNT(o) FROM PriceOffer o WHERE " + where.jpql, Long.class);
        where.parameters.forEach(query::setParameter);
        return query.getSingleResult();
    }

    /** Every matching offer, streamed in id order (for the gRPC stream: no page held in memory). */
    public java.util.stream.Stream<PriceOffer> stream(List<Long> versions, OfferFilter filter) {
        Where where = where(versions, filter);
        TypedQuery<PriceOffer> query = entityManager.createQuery("SELECT o FROM PriceOffer o WHERE " + where.jpql
                + " ORDER BY o.id", PriceOffer.class);
        where.parameters.forEach(query::setParameter);
        return query.setHint("eclipselink.jdbc.fetch-size", 1000).getResultStream();
    }

    /** One offer by its key within the given versions. */
    public java.util.Optional<PriceOffer> byKey(List<Long> versions, String provider, String offerKey) {
        return entityManager.createQuery("SELECT o FROM PriceOffer o WHERE o.versionId IN :versions"
                        + " AND o.provider = :provider AND o.offerKey = :key", PriceOffer.class)
                .setParameter("versions", versions.isEmpty() ? List.of(-1L) : versions)
                .setParameter("provider", provider)
                .setParameter("key", offerKey)
                .getResultStream().findFirst();
    }

    /** One version's offers that have an accelerator (what {@link AcceleratorOffers} holds in memory). */
    @jakarta.transaction.Transactional
    public List<PriceOffer> acceleratorOffers(long version) {
        return entityManager.createQuery("SELECT o FROM PriceOffer o WHERE o.versionId = :version"
                        + " AND o.accelerator IS NOT NULL AND o.perAcceleratorHourUsd IS NOT NULL", PriceOffer.class)
                .setParameter("version", version)
                .setHint("eclipselink.jdbc.fetch-size", 1000)
                .setHint("eclipselink.read-only", true)
                .getResultList();
    }

    private record Where(String jpql, Map<String, Object> parameters) {
    }

    private static Where where(List<Long> versions, OfferFilter filter) {
        return where(versions, filter, "o", "");
    }

    /** The filter as JPQL over entity alias {@code a}, parameters named with {@code p} in front. */
    private static Where where(List<Long> versions, OfferFilter filter, String a, String p) {
        StringBuilder jpql = new StringBuilder(a + ".versionId IN :" + p + "versions");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(p + "versions", versions.isEmpty() ? List.of(-1L) : versions);
        filter.provider().ifPresent(v -> add(jpql, parameters, a + ".provider = :", p + "provider", v));
        filter.region().ifPresent(v -> add(jpql, parameters, a + ".region = :", p + "region", v));
        filter.accelerator().ifPresent(v -> {
            if (v.equals("none")) {
                jpql.append(" AND ").append(a).append(".accelerator IS NULL");
            } else {
                add(jpql, parameters, a + ".accelerator = :", p + "accelerator", v);
            }
        });
        filter.minAcceleratorCount().ifPresent(v -> add(jpql, parameters, a + ".acceleratorCount >= :", p + "minAcc", v));
        filter.maxAcceleratorCount().ifPresent(v -> add(jpql, parameters, a + ".acceleratorCount <= :", p + "maxAcc", v));
        filter.minVcpus().ifPresent(v -> add(jpql, parameters, a + ".vcpus >= :", p + "minVcpus", v));
        filter.minMemoryGib().ifPresent(v -> add(jpql, parameters, a + ".memoryGib >= :", p + "minMemory", v));
        filter.purchaseOption().ifPresent(v -> add(jpql, parameters, a + ".purchaseOption = :", p + "option", v.name()));
        filter.maxHourlyUsd().ifPresent(v -> add(jpql, parameters, a + ".hourlyUsd <= :", p + "maxHourly", v));
        return new Where(jpql.toString(), parameters);
    }

    private static void add(StringBuilder jpql, Map<String, Object> parameters, String condition, String name, Object value) {
        jpql.append(" AND ").append(condition).append(name);
        parameters.put(name, value);
    }
}
