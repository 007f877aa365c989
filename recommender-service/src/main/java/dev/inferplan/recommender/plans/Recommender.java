package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.inferplan.recommender.plans.Recommendation.FrontierPoint;
import dev.inferplan.recommender.plans.Recommendation.NearestMiss;
import dev.inferplan.recommender.plans.Recommendation.PlanSummary;
import dev.inferplan.recommender.plans.Recommendation.SensitivityCase;
import dev.inferplan.recommender.plans.Recommendation.Timings;
import dev.inferplan.recommender.snapshots.QualityMetric;
import dev.inferplan.recommender.snapshots.Snapshot;

/**
 * Answers a validated request from one snapshot: the ranked plans, the Pareto frontier, the grouped
 * rejections, the nearest misses and the sensitivity of the winner to traffic (0.5×, 2×) and prices
 * (−20 %, +20 %). Plain Java: the same snapshot and request always give the same answer (a report's
 * replay relies on it).
 */
public final class Recommender {

    /** At most this many groups of rejections in an answer (their total count is always given). */
    public static final int MAX_REJECTION_GROUPS = 50;
    public static final int NEAREST_MISSES = 3;

    private Recommender() {
    }

    /** How current the snapshot is known to be. */
    public record Freshness(boolean stale, long ageSeconds, double snapshotMs) {
    }

    public static Recommendation recommend(RecommendationRequest request, Snapshot snapshot, Freshness freshness) {
        return recommend(request, snapshot, freshness, PointDetails.NONE);
    }

    /** {@code details}: the measured points' histograms and windows, for a cascade and rank stability. */
    public static Recommendation recommend(RecommendationRequest request, Snapshot snapshot, Freshness freshness,
                                           PointDetails details) {
        long start = System.nanoTime();
        Evaluation evaluation = Planner.evaluate(request, snapshot, BigDecimal.ONE);
        long evaluated = System.nanoTime();
        boolean higherIsBetter = higherIsBetter(request, snapshot);
        List<Plan> feasible = PlanEconomics.of(evaluation.feasible(), request, snapshot, higherIsBetter);
        List<Plan> ranked = ranked(feasible, request, higherIsBetter);
        long rankedAt = System.nanoTime();
        List<FrontierPoint> frontier = ParetoFrontier.of(feasible, higherIsBetter).stream()
                .map(p -> new FrontierPoint(p.plan().modelVersionId(), p.plan().label(), p.plan().provider(),
                        p.plan().region(), p.plan().instanceType(), p.plan().purchaseOption(),
                        p.plan().monthlyCostUsd(), p.plan().quality(), p.plan().latencyMs(), p.costQualityFront()))
                .toList();
        long frontierAt = System.nanoTime();
        List<SensitivityCase> sensitivity = sensitivity(request, snapshot, evaluation.priced(), ranked, higherIsBetter);
        long end = System.nanoTime();
        List<Plan> limited = ranked.subList(0, Math.min(request.limit(), ranked.size()));
        List<Rejection> rejected = evaluation.rejected();
        List<RankStability.Stability> stability = Boolean.TRUE.equals(request.rankStability())
                ? RankStability.of(ranked, request, details, sensitivity) : null;
        Cascades.Answer cascade = request.cascade() == null ? null
                : Cascades.of(request, snapshot, higherIsBetter, details);
        return new Recommendation(List.copyOf(limited), frontier,
                List.copyOf(rejected.subList(0, Math.min(MAX_REJECTION_GROUPS, rejected.size()))),
                evaluation.rejectedCandidates(), nearestMisses(rejected), sensitivity, freshness.stale(),
                freshness.ageSeconds(), request.asOf(), snapshot.prices().bookVersions(),
                snapshot.catalog().position(), evaluation.candidates(),
                new Timings(freshness.snapshotMs(), ms(start, evaluated), ms(evaluated, rankedAt),
                        ms(rankedAt, frontierAt), ms(frontierAt, end)), stability, cascade);
    }

    /**
     * The plans in rank order, as many as the answer shows (and rank stability reads): the rest are only
     * counted, so their sentences are never built.
     */
    static List<Plan> ranked(List<Plan> feasible, RecommendationRequest request, boolean higherIsBetter) {
        List<Ranking.Scored> scored = Ranking.rank(feasible, request.ranking(), higherIsBetter);
        int shown = Math.min(scored.size(), Math.max(request.limit(), RankStability.TOP + 1));
        List<Plan> ranked = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            Ranking.Scored s = scored.get(i);
            ranked.add(s.plan().ranked(i + 1, s.score(), why(i + 1, s, scored.size(), request)));
        }
        return ranked;
    }

    /** The metric's direction as the catalog states it (higher is better unless a version says otherwise). */
    static boolean higherIsBetter(RecommendationRequest request, Snapshot snapshot) {
        if (request.quality() == null || request.quality().metric() == null) {
            return true;
        }
        return snapshot.versionsOf(request.task()).stream()
                .flatMap(v -> v.metrics().stream())
                .filter(m -> m.name().equals(request.quality().metric()))
                .findFirst()
                .map(QualityMetric::higherIsBetter)
                .orElse(true);
    }

    private static String why(int rank, Ranking.Scored scored, int feasible, RecommendationRequest request) {
        Plan p = scored.plan();
        String by = request.ranking() == null ? "monthly cost" : switch (String.valueOf(request.ranking().mode())) {
            case RecommendationRequest.Ranking.LOWEST_TCO -> "TCO over " + request.tco().horizonMonths() + " months ("
                    + Planner.dollars(p.economics().tco().tcoUsd()) + ")";
            case RecommendationRequest.Ranking.NET_VALUE -> "net value a month ("
                    + Planner.dollars(p.economics().value().netValueUsd()) + ")";
            default -> "monthly cost";
        };
        String lowest = by.startsWith("net value") ? "the highest " : "the lowest ";
        String order = scored.score() == null
                ? (rank == 1 ? lowest + by + " of " + feasible + " feasible plans" : "rank " + rank + " by " + by)
                : "weighted score " + BigDecimal.valueOf(scored.score()).setScale(3, RoundingMode.HALF_UP) + " of "
                        + feasible + " feasible plans";
        String bought = Planner.MIXED.equals(p.purchaseOption())
                ? p.mix().onDemandReplicas() + " on demand + " + p.mix().spotReplicas() + " spot"
                : p.purchaseOption();
        String capacity = request.batchWork()
                ? Planner.ms(p.qpsAtSlo()) + " items/s offline"
                : Planner.ms(p.qpsAtSlo()) + " qps within " + request.latency().percentile() + " "
                        + Planner.ms(request.latency().maxMs()) + " ms";
        String quality = p.quality() == null ? "" : ", " + request.quality().metric() + " " + p.quality().toPlainString();
        if (p.hosted() != null) {
            return p.label() + " as hosted " + p.hosted().servedModel() + " from " + p.provider() + " " + p.instanceType()
                    + " in " + p.region() + " (" + p.purchaseOption() + "): no replicas, "
                    + p.hosted().monthlyRequests().toPlainString() + " requests a month at its unit prices, "
                    + Planner.ms(p.latencyMs()) + " ms published latency (PUBLISHED), "
                    + Planner.dollars(p.monthlyCostUsd()) + " a month" + quality + "; " + order + ".";
        }
        return p.label() + " on " + p.provider() + " " + p.instanceType() + " in " + p.region() + " (" + bought + "): "
                + p.replicas() + " replicas at " + capacity + (p.interpolated() ? " (interpolated)" : "") + " from "
                + p.provenance() + " evidence, " + Planner.dollars(p.monthlyCostUsd()) + " a month" + quality + "; "
                + order + ".";
    }

    private static List<NearestMiss> nearestMisses(List<Rejection> rejected) {
        return rejected.stream()
                .filter(Rejection::numeric)
                .sorted(Comparator.comparingDouble(Rejection::gap))
                .limit(NEAREST_MISSES)
                .map(r -> new NearestMiss(r.candidate(), r.constraint(), r.actual(), r.limit(), relax(r)))
                .toList();
    }

    private static String relax(Rejection r) {
        String percent = BigDecimal.valueOf(r.gap() * 100).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
        return switch (r.constraint()) {
            case "budget" -> "raise the budget from " + r.limit() + " to " + r.actual() + " (+" + percent + ")";
            case "latency" -> "allow " + r.actual() + " instead of " + r.limit() + " (+" + percent + ")";
            case "quality" -> "accept " + r.actual() + " instead of " + r.limit() + " (" + percent + " off)";
            default -> "relax " + r.constraint() + " to " + r.actual();
        };
    }

    private static List<SensitivityCase> sensitivity(RecommendationRequest request, Snapshot snapshot,
                                                     List<Planner.Priced> priced, List<Plan> ranked,
                                                     boolean higherIsBetter) {
        String winner = ranked.isEmpty() ? null : ranked.getFirst().key();
        record Case(String scenario, RecommendationRequest request, BigDecimal priceFactor) {
        }
        List<Case> cases = List.of(
                new Case("traffic ×0.5", request.withTrafficTimes(0.5), BigDecimal.ONE),
                new Case("traffic ×2", request.withTrafficTimes(2), BigDecimal.ONE),
                new Case("prices −20 %", request, new BigDecimal("0.8")),
                new Case("prices +20 %", request, new BigDecimal("1.2")));
        List<SensitivityCase> answer = new ArrayList<>();
        RecommendationRequest.Ranking ranking = request.ranking();
        boolean byMonthlyCost = ranking == null || ranking.mode() == null
                || RecommendationRequest.Ranking.LOWEST_COST.equals(ranking.mode());
        for (Case c : cases) {
            List<Plan> plans;
            if (byMonthlyCost) {
                plans = Planner.cheapest(c.request(), snapshot, priced, c.priceFactor(), higherIsBetter, 3);
            } else {
                List<Plan> repriced = PlanEconomics.of(Planner.repriced(c.request(), snapshot, priced,
                        c.priceFactor()), c.request(), snapshot, higherIsBetter);
                plans = Ranking.rank(repriced, ranking, higherIsBetter).stream().map(Ranking.Scored::plan).toList();
            }
            PlanSummary top = plans.isEmpty() ? null : PlanSummary.of(plans.getFirst());
            String topKey = plans.isEmpty() ? null : plans.getFirst().key();
            answer.add(new SensitivityCase(c.scenario(), top,
                    plans.stream().limit(3).map(PlanSummary::of).toList(), !Objects.equals(winner, topKey)));
        }
        return answer;
    }

    private static double ms(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 10_000.0) / 100.0;
    }
}
