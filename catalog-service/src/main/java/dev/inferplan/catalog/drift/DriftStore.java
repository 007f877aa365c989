package dev.inferplan.catalog.drift;

import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.inferplan.catalog.costs.CostBasis;
import dev.inferplan.catalog.costs.CostEstimate;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.catalog.versions.VersionStatus;
import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** What the drift watch reads and keeps in the catalog's database: its positions and the approved plans. */
@ApplicationScoped
public class DriftStore {

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    /** A report-backed estimate of an approved version, as the drift watch re-prices it. */
    public record PlanEstimate(long versionId, long estimateId, long reportId, int planRank, String provider,
                               String region, String instanceType, String purchaseOption, BigDecimal monthlyUsd,
                               List<Long> priceBookVersions) {
    }

    /** Each APPROVED version's newest report-backed estimate priced by this provider. */
    @Transactional
    public List<PlanEstimate> approvedReportEstimates(String provider) {
        List<CostEstimate> estimates = entityManager.createQuery("SELECT c FROM CostEstimate c, ModelVersion v"
                        + " WHERE v.id = c.modelVersionId AND v.status = :approved AND c.basis = :report"
                        + " AND c.provider = :provider ORDER BY c.id DESC", CostEstimate.class)
                .setParameter("approved", VersionStatus.APPROVED.name()).setParameter("report", CostBasis.REPORT.name())
                .setParameter("provider", provider).getResultList();
        Map<Long, PlanEstimate> newest = new LinkedHashMap<>();
        for (CostEstimate c : estimates) {
            if (c.monthlyUsd() != null && c.region() != null && c.instanceType() != null) {
                newest.putIfAbsent(c.modelVersionId(), new PlanEstimate(c.modelVersionId(), c.id(), c.reportId(),
                        c.planRank(), c.provider(), c.region(), c.instanceType(), c.purchaseOption(), c.monthlyUsd(),
                        c.priceBookVersions()));
            }
        }
        return new ArrayList<>(newest.values());
    }

    @Transactional
    public long position(String cursor) {
        return ((Number) entityManager.createNativeQuery("SELECT position FROM event_cursor WHERE name = ?")
                .setParameter(1, cursor).getSingleResult()).longValue();
    }

    /** Moves the cursor forward only (two pollers at once never move it back). */
    @Transactional
    public void advance(String cursor, long position) {
        Rows.update(entityManager.unwrap(Connection.class), "UPDATE event_cursor SET position = ? WHERE name = ?"
                + " AND position < ?", position, cursor, position);
    }
}
