package dev.inferplan.catalog.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.inferplan.catalog.benchmarks.BenchmarkResult;
import dev.inferplan.catalog.benchmarks.HardwarePool;
import dev.inferplan.catalog.benchmarks.PoolView;
import dev.inferplan.catalog.benchmarks.ResultView;
import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * Benchmark evidence for the recommender: every result, measured by a runner or published
 * elsewhere (cited), with the pool it stands for (accelerator, count, instance types). One query,
 * results joined with their pools, filtered by model versions and/or canonical accelerator ids.
 */
@ApplicationScoped
public class BenchmarkEvidence {

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    /** One result with its pool. */
    public record Evidence(ResultView result, PoolView pool) {
    }

    @Transactional
    public void forEach(List<Long> modelVersionIds, List<String> accelerators, Consumer<Evidence> each) {
        StringBuilder jpql = new StringBuilder("SELECT r, p FROM BenchmarkResult r, HardwarePool p WHERE r.pool = p.pool");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (!modelVersionIds.isEmpty()) {
            jpql.append(" AND r.modelVersionId IN :versions");
            parameters.put("versions", new ArrayList<>(modelVersionIds));
        }
        if (!accelerators.isEmpty()) {
            jpql.append(" AND p.accelerator IN :accelerators");
            parameters.put("accelerators", new ArrayList<>(accelerators));
        }
        TypedQuery<Object[]> query = entityManager.createQuery(jpql + " ORDER BY r.modelVersionId, r.id", Object[].class);
        parameters.forEach(query::setParameter);
        query.getResultStream().forEach(row -> each.accept(
                new Evidence(ResultView.of((BenchmarkResult) row[0]), PoolView.of((HardwarePool) row[1]))));
    }
}
