package dev.inferplan.catalog.drift;

import java.math.BigDecimal;
import java.util.Objects;

import dev.inferplan.catalog.benchmarks.BenchmarkResult;
import dev.inferplan.catalog.benchmarks.ResultRecorded;
import dev.inferplan.catalog.benchmarks.ResultView;
import dev.inferplan.catalog.versions.ModelVersion;
import dev.inferplan.catalog.versions.VersionStatus;
import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Drift re-review on latency (issue 13 §5): a new valid MEASURED result of an APPROVED version whose
 * p99 is more than {@code catalog.drift.p99-change-percent} away from the previous valid measured p99
 * of the same configuration (pool, scenario, batch size, concurrency, threads) raises REVIEW_SUGGESTED,
 * in the transaction that stores the result.
 */
@ApplicationScoped
public class ResultDrift {

    private final ReviewFlags flags;
    private final BigDecimal thresholdPercent;

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public ResultDrift(ReviewFlags flags,
                       @ConfigProperty(name = "catalog.drift.p99-change-percent", defaultValue = "20")
                       BigDecimal thresholdPercent) {
        this.flags = flags;
        this.thresholdPercent = thresholdPercent;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void recorded(@Observes ResultRecorded recorded) {
        ResultView result = recorded.result();
        if (!result.countsAsValid() || !"MEASURED".equals(result.provenance().kind()) || result.latencyMs() == null
                || result.latencyMs().p99() == null) {
            return;
        }
        ModelVersion version = entityManager.find(ModelVersion.class, result.modelVersionId());
        if (version == null || version.status() != VersionStatus.APPROVED) {
            return;
        }
        BenchmarkResult previous = entityManager.createQuery("SELECT r FROM BenchmarkResult r WHERE"
                        + " r.modelVersionId = :version AND r.pool = :pool AND r.scenario = :scenario AND r.batchSize = :batch"
                        + " AND r.concurrency = :concurrency AND r.valid = TRUE AND r.provenanceKind = 'MEASURED'"
                        + " AND r.latencyP99Ms IS NOT NULL AND r.id < :id ORDER BY r.id DESC", BenchmarkResult.class)
                .setParameter("version", result.modelVersionId()).setParameter("pool", result.pool())
                .setParameter("scenario", result.scenario()).setParameter("batch", result.batchSize())
                .setParameter("concurrency", result.concurrency()).setParameter("id", result.id())
                .getResultStream().filter(r -> Objects.equals(r.intraOpThreads(), result.threads()))
                .findFirst().orElse(null);
        if (previous == null) {
            return;
        }
        BigDecimal before = BigDecimal.valueOf(previous.latencyP99Ms());
        BigDecimal after = BigDecimal.valueOf(result.latencyMs().p99());
        DriftRule.beyond(before, after, thresholdPercent).ifPresent(change -> flags.raise(result.modelVersionId(),
                "measured p99 " + after.toPlainString() + " ms (result " + result.id() + ") against " + before.toPlainString()
                        + " ms (result " + previous.id() + ") on " + result.pool() + ", " + result.scenario() + " batch "
                        + result.batchSize() + " concurrency " + result.concurrency()
                        + (result.threads() == null ? "" : " threads " + result.threads()) + ": " + DriftRule.signed(change)
                        + ", beyond " + thresholdPercent.toPlainString() + " %",
                "benchmark-result:" + result.id()));
    }
}
