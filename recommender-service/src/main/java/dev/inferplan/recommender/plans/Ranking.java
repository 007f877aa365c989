package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.util.ArrayList;
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

    private Ranking() {
    }

    /** A plan with its score (null in LOWEST_COST). */
    public record Scored(Plan plan, Double score) {
    }

    public static List<Scored> rank(List<Plan> feasible, RecommendationRequest.Ranking ranking, boolean higherIsBetter) {
        String mode = ranking == null || ranking.mode() == null ? RecommendationRequest.Ranking.LOWEST_COST
                : ranking.mode();
        if (ranking != null && ranking.weighted()) {
            return weighted(feasible, ranking.weights(), higherIsBetter);
        }
        List<Sortable> sorted = new ArrayList<>(feasible.size());
        for (Plan plan : feasible) {
            BigDecimal primary = switch (mode) {
                case RecommendationRequest.Ranking.LOWEST_TCO -> plan.economics().tco().tcoUsd().usd();
                case RecommendationRequest.Ranking.NET_VALUE -> plan.economics().value().netValueUsd().usd().negate();
                default -> null;
            };
            sorted.add(new Sortable(plan, primary, 0, higherIsBetter));
        }
        sorted.sort(null);
        List<Scored> scored = new ArrayList<>(sorted.size());
        for (Sortable s : sorted) {
            scored.add(new Scored(s.plan, null));
        }
        return scored;
    }

    private static List<Scored> weighted(List<Plan> feasible, Weights w, boolean higherIsBetter) {
        double wq = w == null || w.quality() == null ? 0 : w.quality();
        double wc = w == null || w.cost() == null ? 0 : w.cost();
        double wl = w == null || w.latency() == null ? 0 : w.latency();
        double sum = wq + wc + wl;
        Range quality = Range.of(feasible, p -> p.qualityAxis(higherIsBetter));
        Range cost = Range.of(feasible, p -> p.monthlyCostUsd().usd().doubleValue());
        Range latency = Range.of(feasible, Plan::latencyMs);
        List<Sortable> sorted = new ArrayList<>(feasible.size());
        for (Plan plan : feasible) {
            double q = quality.higherBetter(plan.qualityAxis(higherIsBetter));
            double c = cost.lowerBetter(plan.monthlyCostUsd().usd().doubleValue());
            double l = latency.lowerBetter(plan.latencyMs());
            sorted.add(new Sortable(plan, null, -(wq * q + wc * c + wl * l) / sum, higherIsBetter));
        }
        sorted.sort(null);
        List<Scored> scored = new ArrayList<>(sorted.size());
        for (Sortable s : sorted) {
            scored.add(new Scored(s.plan, -s.negatedScore));
        }
        return scored;
    }

    /**
     * The LOWEST_COST order, and every mode's tie-break: monthly cost ↑, quality ↓, latency ↑, then the plan's
     * identity, built only for plans tied on all three. The keys are read once (a sort compares each plan about
     * log n times); {@link #plan()} may build the plan only when it is first needed.
     */
    abstract static class CostOrder {

        private final BigDecimal cost;
        private final double quality;
        private final double latency;
        private String key;

        CostOrder(BigDecimal cost, double quality, double latency) {
            this.cost = cost;
            this.quality = quality;
            this.latency = latency;
        }

        abstract Plan plan();

        final int compareByCost(CostOrder other) {
            int c = cost.compareTo(other.cost);
            if (c == 0) {
                c = Double.compare(-quality, -other.quality);
            }
            if (c == 0) {
                c = Double.compare(latency, other.latency);
            }
            return c != 0 ? c : key().compareTo(other.key());
        }

        private String key() {
            if (key == null) {
                key = plan().key();
            }
            return key;
        }
    }

    /** A plan with the mode's primary amount (TCO, negated net value) or its negated weighted score first. */
    private static final class Sortable extends CostOrder implements Comparable<Sortable> {

        private final Plan plan;
        private final BigDecimal primary;
        private final double negatedScore;

        Sortable(Plan plan, BigDecimal primary, double negatedScore, boolean higherIsBetter) {
            super(plan.monthlyCostUsd().usd(), plan.qualityAxis(higherIsBetter), plan.latencyMs());
            this.plan = plan;
            this.primary = primary;
            this.negatedScore = negatedScore;
        }

        @Override
        Plan plan() {
            return plan;
        }

        @Override
        public int compareTo(Sortable other) {
            int c = primary == null ? Double.compare(negatedScore, other.negatedScore) : primary.compareTo(other.primary);
            return c != 0 ? c : compareByCost(other);
        }
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
