package dev.inferplan.catalog.cards;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.inferplan.catalog.benchmarks.BenchmarkResults;
import dev.inferplan.catalog.benchmarks.HardwarePools;
import dev.inferplan.catalog.benchmarks.PoolView;
import dev.inferplan.catalog.benchmarks.ResultView;
import dev.inferplan.catalog.costs.CostEstimates;
import dev.inferplan.catalog.drift.ReviewFlags;
import dev.inferplan.catalog.families.FamilyView;
import dev.inferplan.catalog.families.ModelFamilies;
import dev.inferplan.catalog.reviews.Reviews;
import dev.inferplan.catalog.versions.VersionReadModel;
import dev.inferplan.catalog.versions.VersionView;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Assembles a version's model card from one read transaction. */
@ApplicationScoped
public class ModelCards {

    /** Lineage chains are short (base → fine-tuned → quantized); a cycle cannot be registered, but stop anyway. */
    static final int MAX_ANCESTORS = 16;

    private final VersionReadModel reads;
    private final ModelFamilies families;
    private final BenchmarkResults results;
    private final HardwarePools pools;
    private final CostEstimates costs;
    private final Reviews reviews;
    private final ReviewFlags flags;
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public ModelCards(VersionReadModel reads, ModelFamilies families, BenchmarkResults results, HardwarePools pools,
                      CostEstimates costs, Reviews reviews, ReviewFlags flags) {
        this.reads = reads;
        this.families = families;
        this.results = results;
        this.pools = pools;
        this.costs = costs;
        this.reviews = reviews;
        this.flags = flags;
    }

    @Transactional
    public ModelCard card(long versionId) {
        VersionView version = reads.byId(versionId).orElseThrow(() -> ProblemException.notFound("Model version " + versionId));
        FamilyView family = families.byId(version.familyId());
        Map<String, PoolView> poolsByName = pools.list().stream()
                .collect(Collectors.toMap(PoolView::pool, Function.identity()));
        return new ModelCard(version.id(), family.name(), family.id(), version.task(), family.owner(), family.license(),
                family.description(), version.label(), version.status(), version.tier(), version.proposedTier(),
                version.tierOverride(), version.artifact(), lineage(version), version.metrics(),
                summarize(results.find(Optional.of(versionId), Optional.empty()), poolsByName),
                costs.forVersion(versionId),
                new ModelCard.ReviewHistory(reviews.history(versionId), reviews.comments(versionId), flags.forVersion(versionId)),
                version.revision(), clock.instant());
    }

    private ModelCard.Lineage lineage(VersionView version) {
        List<ModelCard.Relative> ancestors = new ArrayList<>();
        Set<Long> seen = new HashSet<>(List.of(version.id()));
        VersionView.Lineage link = version.lineage();
        while (link != null && ancestors.size() < MAX_ANCESTORS && seen.add(link.parentVersionId())) {
            Optional<VersionView> parent = reads.byId(link.parentVersionId());
            if (parent.isEmpty()) {
                break;
            }
            ancestors.add(new ModelCard.Relative(parent.get().id(), parent.get().familyName(), parent.get().label(),
                    link.kind()));
            link = parent.get().lineage();
        }
        List<ModelCard.Relative> derived = entityManager.createQuery("SELECT v.id, f.name, v.label, v.lineageKind"
                        + " FROM ModelVersion v, ModelFamily f WHERE f.id = v.familyId AND v.parentVersionId = :id"
                        + " ORDER BY v.id", Object[].class)
                .setParameter("id", version.id()).getResultStream()
                .map(row -> new ModelCard.Relative((Long) row[0], (String) row[1], (String) row[2], (String) row[3]))
                .toList();
        return new ModelCard.Lineage(ancestors, derived);
    }

    static List<ModelCard.PoolSummary> summarize(List<ResultView> results, Map<String, PoolView> pools) {
        Map<String, List<ResultView>> byPool = new LinkedHashMap<>();
        results.stream().sorted(Comparator.comparing(ResultView::pool))
                .forEach(r -> byPool.computeIfAbsent(r.pool(), p -> new ArrayList<>()).add(r));
        List<ModelCard.PoolSummary> summaries = new ArrayList<>();
        byPool.forEach((name, points) -> {
            PoolView pool = pools.get(name);
            // only VALID, MLPerf-compliant points (or cited published ones) are called valid here
            Optional<ResultView> best = points.stream().filter(ResultView::countsAsValid)
                    .max(Comparator.comparingDouble(ResultView::throughputPerS));
            Double lowestP99 = points.stream().filter(ResultView::countsAsValid).map(r -> r.latencyMs().p99())
                    .filter(java.util.Objects::nonNull).min(Double::compare).orElse(null);
            summaries.add(new ModelCard.PoolSummary(name, pool == null ? null : pool.accelerator(),
                    pool == null ? 0 : pool.acceleratorCount(), pool == null ? List.of() : pool.instanceTypes(),
                    points.size(), (int) points.stream().filter(ResultView::countsAsValid).count(),
                    (int) points.stream().filter(r -> r.provenance().kind().equals("MEASURED")).count(),
                    (int) points.stream().filter(r -> r.provenance().kind().equals("PUBLISHED")).count(),
                    best.map(r -> new ModelCard.Best(r.id(), r.scenario(), r.batchSize(), r.concurrency(),
                            r.throughputPerS(), r.latencyMs().p99(), r.executionProvider(), r.provenance().kind(),
                            r.provenance().source())).orElse(null),
                    lowestP99));
        });
        return summaries;
    }
}
