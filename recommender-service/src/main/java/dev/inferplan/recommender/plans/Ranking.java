package dev.inferplan.recommender.plans;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.inferplan.recommender.plans.RecommendationRequest.Weights;

/**
 * Orders the feasible plans. LOWEST_COST: monthly cost ↑, then quality ↓, latency ↑. LOWEST_TCO: TCO ↑,
 * then the same; NET_VALUE: net value ↓, then the same (both need the plans' economics). WEIGHTED: each
 * criterion min–max normalized over the feasible set to [0, 1] with 1 the best
 * ({@code q' = (q − q_min)/(q_max − q_min)}, {@code c' = (c_max − c)/(c_max − c_min)},
 * {@code l' = (l_max − l)/(l_max − l_min)}; 1 for every plan when the set has one value), and
 * {@code score = (w_q q' + w_c c' + w_l l') / (w_q + w_c + w_l)}, highest first, ties by cost.
 * Last ties by the plan's identity, so the order never depends on the input order.
 */
public final class Ranking {

    private static final Comparator<Plan> BY_COST = Comparator.comparing(Plan::monthlyCostUsd);

    private Ranking() {
    }

    /** A plan with its score (null in LOWEST_COST). */
    public record Scored(Plan plan, Double score) {
    }

    public static List<Scored> rank(List<Plan> feasible, RecommendationRequest.Ranking ranking, boolean higherIsBetter) {
        Comparator<Plan> tieBreak = Comparator.comparing((Plan p) -> -p.qualityAxis(higherIsBetter))
                .thenComparingDouble(Plan::latencyMs)
                .thenComparing(Plan::key);
        if (ranking != null && RecommendationRequest.Ranking.LOWEST_TCO.equals(ranking.mode())) {
            List<Plan> sorted = new ArrayList<>(feasible);
            sorted.sort(Comparator.comparing((Plan p) -> p.economics().tco().tcoUsd()).thenComparing(BY_COST)
                    .thenComparing(tieBreak));
            return sorted.stream().map(p -> new Scored(p, null)).toList();
        }
        if (ranking != null && RecommendationRequest.Ranking.NET_VALUE.equals(ranking.mode())) {
            List<Plan> sorted = new ArrayList<>(feasible);
            sorted.sort(Comparator.comparing((Plan p) -> p.economics().value().netValueUsd(), Comparator.reverseOrder())
                    .thenComparing(BY_COST).thenComparing(tieBreak));
            return sorted.stream().map(p -> new Scored(p, null)).toList();
        }
        if (ranking == null || !ranking.weighted()) {
            List<Plan> sorted = new ArrayList<>(feasible);
            sorted.sort(BY_COST.thenComparing(tieBreak));
            return sorted.stream().map(p -> new Scored(p, null)).toList();
        }
        Weights w = ranking.weights();
        double wq = w == null || w.quality() == null ? 0 : w.quality();
        double wc = w == null || w.cost() == null ? 0 : w.cost();
        double wl = w == null || w.latency() == null ? 0 : w.latency();
        double sum = wq + wc + wl;
        Range quality = Range.of(feasible, p -> p.qualityAxis(higherIsBetter));
        Range cost = Range.of(feasible, p -> p.monthlyCostUsd().usd().doubleValue());
        Range latency = Range.of(feasible, Plan::latencyMs);
        List<Scored> scored = new ArrayList<>();
        for (Plan plan : feasible) {
            double q = quality.higherBetter(plan.qualityAxis(higherIsBetter));
            double c = cost.lowerBetter(plan.monthlyCostUsd().usd().doubleValue());
            double l = latency.lowerBetter(plan.latencyMs());
            scored.add(new Scored(plan, (wq * q + wc * c + wl * l) / sum));
        }
        scored.sort(Comparator.comparing((Scored s) -> -s.score())
                .thenComparing(Scored::plan, BY_COST.thenComparing(tieBreak)));
        return scored;
    }

    private record Range(double min, double max) {

        static Range of(List<Plan> plans, java.util.function.ToDoubleFunction<Plan> value) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Plan plan : plans) {
                double v = value.applyAsDouble(plan);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return new Range(min, max);
        }

        double higherBetter(double v) {
            return max == min ? 1 : (v - min) / (max - min);
        }

        double lowerBetter(double v) {
            return max == min ? 1 : (max - v) / (max - min);
        }
    }
}
