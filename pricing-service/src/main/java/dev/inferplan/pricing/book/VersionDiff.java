package dev.inferplan.pricing.book;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What moved between a version and the one it superseded: offers added and removed, prices up
 * and down (matched by offer key), so the committee sees a price change before it reaches plans.
 */
@ApplicationScoped
public class VersionDiff {

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    private final PriceBookVersions versions;

    @Inject
    public VersionDiff(PriceBookVersions versions) {
        this.versions = versions;
    }

    public enum Kind { ADDED, REMOVED, UP, DOWN }

    public record Change(Kind change, String region, String zone, String instanceType, String accelerator,
                         String purchaseOption, Money beforeHourlyUsd, Money afterHourlyUsd, BigDecimal deltaPercent) {
    }

    public record Diff(long version, Long previousVersion, String provider, long added, long removed, long priceUp,
                       long priceDown, long unchanged, List<Change> changes) {
    }

    @Transactional
    public Diff diff(long versionId, int limit) {
        PriceBookVersion version = versions.byId(versionId)
                .orElseThrow(() -> ProblemException.notFound("Price-book version " + versionId));
        Long previous = versions.previous(version).map(PriceBookVersion::id).orElse(null);
        long prev = previous == null ? -1 : previous;
        List<Change> changes = new ArrayList<>();
        List<Object[]> moved = entityManager.createNativeQuery("SELECT n.region, n.zone, n.instance_type, n.accelerator,"
                        + " n.purchase_option, COALESCE(o.hourly_usd, o.unit_price_usd), COALESCE(n.hourly_usd, n.unit_price_usd)"
                        + " FROM price_offer n JOIN price_offer o ON o.version_id = ? AND o.offer_key = n.offer_key"
                        + " WHERE n.version_id = ? AND COALESCE(n.hourly_usd, n.unit_price_usd) <> COALESCE(o.hourly_usd, o.unit_price_usd)")
                .setParameter(1, prev).setParameter(2, versionId).getResultList();
        long up = 0;
        for (Object[] row : moved) {
            BigDecimal before = (BigDecimal) row[5];
            BigDecimal after = (BigDecimal) row[6];
            Kind kind = after.compareTo(before) > 0 ? Kind.UP : Kind.DOWN;
            up += kind == Kind.UP ? 1 : 0;
            changes.add(new Change(kind, (String) row[0], (String) row[1], (String) row[2], (String) row[3],
                    (String) row[4], new Money(before), new Money(after), percent(before, after)));
        }
        long down = moved.size() - up;
        changes.sort(Comparator.comparing((Change c) -> c.deltaPercent().abs()).reversed());
        List<Change> addedOrRemoved = new ArrayList<>();
        long added = onlyIn(versionId, prev, Kind.ADDED, addedOrRemoved);
        long removed = onlyIn(prev, versionId, Kind.REMOVED, addedOrRemoved);
        changes.addAll(addedOrRemoved);
        long unchanged = version.offerCount() - added - moved.size();
        return new Diff(versionId, previous, version.provider(), added, removed, up, down, unchanged,
                changes.subList(0, Math.min(limit, changes.size())));
    }

    private long onlyIn(long version, long other, Kind kind, List<Change> changes) {
        List<Object[]> rows = entityManager.createNativeQuery("SELECT n.region, n.zone, n.instance_type, n.accelerator,"
                        + " n.purchase_option, COALESCE(n.hourly_usd, n.unit_price_usd) FROM price_offer n WHERE n.version_id = ? AND NOT EXISTS"
                        + " (SELECT 1 FROM price_offer o WHERE o.version_id = ? AND o.offer_key = n.offer_key)")
                .setParameter(1, version).setParameter(2, other).getResultList();
        for (Object[] row : rows) {
            Money price = new Money((BigDecimal) row[5]);
            changes.add(new Change(kind, (String) row[0], (String) row[1], (String) row[2], (String) row[3],
                    (String) row[4], kind == Kind.REMOVED ? price : null, kind == Kind.ADDED ? price : null, null));
        }
        return rows.size();
    }

    private static BigDecimal percent(BigDecimal before, BigDecimal after) {
        if (before.signum() == 0) {
            return null;
        }
        return after.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before, 2, RoundingMode.HALF_EVEN);
    }
}
