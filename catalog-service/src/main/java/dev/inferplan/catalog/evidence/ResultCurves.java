package dev.inferplan.catalog.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.catalog.benchmarks.BenchmarkResult;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * Benchmark results as curves: one series per (pool, scenario, batch size, intra-op threads, provenance),
 * its points ordered by load — the target QPS for SERVER results that have one, else the
 * concurrency — each with throughput and p99.
 */
@ApplicationScoped
public class ResultCurves {

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    public record Point(double load, double throughputPerS, Double p99Ms, Double achievedQps, boolean valid,
                        long resultId) {
    }

    /** {@code load} names the x axis: "targetQps" or "concurrency". */
    public record Series(String pool, String scenario, int batchSize, Integer threads, String provenance, String load,
                         List<Point> points) {
    }

    @Transactional
    public List<Series> curves(long modelVersionId, Optional<String> pool, Optional<Scenario> scenario) {
        StringBuilder jpql = new StringBuilder("SELECT r FROM BenchmarkResult r WHERE r.modelVersionId = :version");
        pool.ifPresent(p -> jpql.append(" AND r.pool = :pool"));
        scenario.ifPresent(s -> jpql.append(" AND r.scenario = :scenario"));
        TypedQuery<BenchmarkResult> query = entityManager.createQuery(jpql + " ORDER BY r.id", BenchmarkResult.class)
                .setParameter("version", modelVersionId);
        pool.ifPresent(p -> query.setParameter("pool", p));
        scenario.ifPresent(s -> query.setParameter("scenario", s.name()));
        Map<List<Object>, List<BenchmarkResult>> groups = new LinkedHashMap<>();
        for (BenchmarkResult r : query.getResultList()) {
            List<Object> key = new ArrayList<>();
            key.add(r.pool());
            key.add(r.scenario());
            key.add(r.batchSize());
            key.add(r.intraOpThreads());
            key.add(r.provenanceKind());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<Series> series = new ArrayList<>();
        groups.forEach((key, results) -> {
            boolean byQps = results.stream().allMatch(r -> r.targetQps() != null);
            List<Point> points = results.stream()
                    .map(r -> new Point(byQps ? r.targetQps() : r.concurrency(), r.throughputPerS(), r.latencyP99Ms(),
                            r.achievedQps(), r.valid(), r.id()))
                    .sorted(Comparator.comparingDouble(Point::load).thenComparingLong(Point::resultId))
                    .toList();
            series.add(new Series((String) key.get(0), (String) key.get(1), (Integer) key.get(2), (Integer) key.get(3),
                    (String) key.get(4), byQps ? "targetQps" : "concurrency", points));
        });
        return series;
    }
}
