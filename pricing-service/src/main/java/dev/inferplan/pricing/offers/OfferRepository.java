package dev.inferplan.pricing.offers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

/** Queries over the offers of given price-book versions, filters as bind parameters. */
@ApplicationScoped
public class OfferRepository {

    /** Sort keys the API accepts, mapped to columns (never raw input in JPQL). */
    static final Map<String, String> SORTS = Map.of(
            "hourlyUsd", "o.hourlyUsd",
            "perAcceleratorHourUsd", "o.perAcceleratorHourUsd",
            "perVcpuHourUsd", "o.perVcpuHourUsd");

    @PersistenceContext(unitName = "pricing")
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

    /** For each accelerator, its offer with the lowest price per accelerator-hour (ties: lowest id). */
    public List<PriceOffer> cheapestPerAccelerator(List<Long> versions, OfferFilter filter) {
        Where where = where(versions, filter);
        TypedQuery<PriceOffer> query = entityManager.createQuery("SELECT o FROM PriceOffer o WHERE " + where.jpql
                + " AND o.accelerator IS NOT NULL AND o.perAcceleratorHourUsd IS NOT NULL"
                + " ORDER BY o.accelerator, o.perAcceleratorHourUsd, o.id", PriceOffer.class);
        where.parameters.forEach(query::setParameter);
        Map<String, PriceOffer> cheapest = new LinkedHashMap<>();
        query.getResultStream().forEach(offer -> cheapest.putIfAbsent(offer.accelerator(), offer));
        return new ArrayList<>(cheapest.values());
    }

    private record Where(String jpql, Map<String, Object> parameters) {
    }

    private static Where where(List<Long> versions, OfferFilter filter) {
        StringBuilder jpql = new StringBuilder("o.versionId IN :versions");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("versions", versions.isEmpty() ? List.of(-1L) : versions);
        filter.provider().ifPresent(p -> add(jpql, parameters, "o.provider = :provider", "provider", p));
        filter.region().ifPresent(r -> add(jpql, parameters, "o.region = :region", "region", r));
        filter.accelerator().ifPresent(a -> {
            if (a.equals("none")) {
                jpql.append(" AND o.accelerator IS NULL");
            } else {
                add(jpql, parameters, "o.accelerator = :accelerator", "accelerator", a);
            }
        });
        filter.minAcceleratorCount().ifPresent(c -> add(jpql, parameters, "o.acceleratorCount >= :minAcc", "minAcc", c));
        filter.maxAcceleratorCount().ifPresent(c -> add(jpql, parameters, "o.acceleratorCount <= :maxAcc", "maxAcc", c));
        filter.minVcpus().ifPresent(v -> add(jpql, parameters, "o.vcpus >= :minVcpus", "minVcpus", v));
        filter.minMemoryGib().ifPresent(m -> add(jpql, parameters, "o.memoryGib >= :minMemory", "minMemory", m));
        filter.purchaseOption().ifPresent(p -> add(jpql, parameters, "o.purchaseOption = :option", "option", p.name()));
        filter.maxHourlyUsd().ifPresent(m -> add(jpql, parameters, "o.hourlyUsd <= :maxHourly", "maxHourly", m));
        return new Where(jpql.toString(), parameters);
    }

    private static void add(StringBuilder jpql, Map<String, Object> parameters, String condition, String name, Object value) {
        jpql.append(" AND ").append(condition);
        parameters.put(name, value);
    }
}
