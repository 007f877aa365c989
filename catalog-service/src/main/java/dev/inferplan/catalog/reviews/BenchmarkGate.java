package dev.inferplan.catalog.reviews;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.inferplan.catalog.benchmarks.BenchmarkResult;
import dev.inferplan.catalog.benchmarks.HardwarePools;
import dev.inferplan.catalog.metrics.Provenance;
import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Which benchmark results count for the approval gate (issue 13 §5), decided in one place:
 * {@link #whyNotCounted}. A result counts if it is valid and either MEASURED by a runner's job on a
 * registered (runner) pool, or PUBLISHED with a citation a reviewer or admin recorded. An invalid
 * result never counts, whatever else it has.
 */
@ApplicationScoped
public class BenchmarkGate {

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    /** What the gate finds on a version: the counted results and, for the others, why each is not. */
    public record Finding(List<Long> counted, Map<Long, String> notCounted) {
        public boolean passes() {
            return !counted.isEmpty();
        }
    }

    /** What the rule reads of a result (and whether the committee recorded its citation). */
    public record Candidate(long resultId, boolean valid, String provenanceKind, Long jobId, String pool,
                            boolean citedByCommittee, Boolean mlperfCompliant) {
        static Candidate of(BenchmarkResult result, boolean citedByCommittee) {
            return new Candidate(result.id(), result.valid(), result.provenanceKind(), result.jobId(), result.pool(),
                    citedByCommittee, result.mlperfCompliant());
        }
    }

    /**
     * Why this result does not count for the gate; empty when it counts. The one rule: a new
     * condition (e.g. MLPerf compliance) is one more line here (and its field in {@link Candidate}).
     */
    public static Optional<String> whyNotCounted(Candidate result) {
        if (!result.valid()) {
            return Optional.of("invalid");
        }
        Provenance kind = Provenance.parse(result.provenanceKind()).orElse(null);
        if (kind == Provenance.MEASURED) {
            if (result.jobId() == null || result.pool().startsWith(HardwarePools.PUBLISHED_PREFIX)) {
                return Optional.of("measured outside a runner's job on a registered pool");
            }
            if (!Boolean.TRUE.equals(result.mlperfCompliant())) {
                // a quick look (fewer queries, shorter windows) is valid under its own rules, not MLPerf's
                return Optional.of(result.mlperfCompliant() == null ? "of unknown MLPerf compliance (stored before it was recorded)"
                        : "not MLPerf-compliant");
            }
            return Optional.empty();
        }
        if (kind == Provenance.PUBLISHED) {
            return result.citedByCommittee() ? Optional.empty()
                    : Optional.of("published without a citation recorded by a reviewer or admin");
        }
        return Optional.of("unknown provenance");
    }

    /** The version's results judged by {@link #whyNotCounted}, in the caller's transaction (two statements). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Finding judge(long versionId) {
        List<BenchmarkResult> results = entityManager.createQuery("SELECT r FROM BenchmarkResult r"
                + " WHERE r.modelVersionId = :id ORDER BY r.id", BenchmarkResult.class).setParameter("id", versionId)
                .getResultList();
        Set<Long> cited = new HashSet<>(entityManager.createQuery("SELECT c.resultId FROM ResultCitation c WHERE"
                        + " c.resultId IN (SELECT r.id FROM BenchmarkResult r WHERE r.modelVersionId = :id)", Long.class)
                .setParameter("id", versionId).getResultList());
        List<Long> counted = new java.util.ArrayList<>();
        Map<Long, String> notCounted = new LinkedHashMap<>();
        for (BenchmarkResult result : results) {
            whyNotCounted(Candidate.of(result, cited.contains(result.id()))).ifPresentOrElse(
                    why -> notCounted.put(result.id(), why), () -> counted.add(result.id()));
        }
        return new Finding(counted, notCounted);
    }
}
