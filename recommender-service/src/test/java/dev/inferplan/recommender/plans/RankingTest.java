package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.util.List;

import dev.inferplan.contracts.money.Money;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RankingTest {

    private static Plan plan(String name, String cost, String quality, double latency) {
        return new Plan(0, 1, "f", name, new BigDecimal(quality), "nvidia-l4", 1, "p", "aws", "r", "", name,
                "ON_DEMAND", null, null, 1, 1, 10, latency, Money.of("1"), Money.of(cost), null, 1, "MEASURED", false,
                List.of(), null, null, null);
    }

    private static final List<Plan> PLANS = List.of(
            plan("cheap", "100", "50", 40),
            plan("middle", "200", "60", 20),
            plan("best", "300", "70", 30));

    @Test
    void lowestCostRanksByMonthlyCost() {
        List<Ranking.Scored> ranked = Ranking.rank(PLANS, new RecommendationRequest.Ranking("LOWEST_COST", null), true);
        assertEquals(List.of("cheap", "middle", "best"), ranked.stream().map(s -> s.plan().label()).toList());
        assertNull(ranked.getFirst().score());
    }

    @Test
    void weightedScoresAreMinMaxNormalizedOverTheFeasibleSet() {
        // quality 50..70, cost 100..300, latency 20..40; weights 0.5 / 0.3 / 0.2 (sum 1)
        // cheap:  q' 0,   c' 1,   l' 0   → 0.3
        // middle: q' 0.5, c' 0.5, l' 1   → 0.25 + 0.15 + 0.2 = 0.6
        // best:   q' 1,   c' 0,   l' 0.5 → 0.5 + 0 + 0.1 = 0.6; tie broken by cost: middle first
        List<Ranking.Scored> ranked = Ranking.rank(PLANS, new RecommendationRequest.Ranking("WEIGHTED",
                new RecommendationRequest.Weights(0.5, 0.3, 0.2)), true);
        assertEquals(List.of("middle", "best", "cheap"), ranked.stream().map(s -> s.plan().label()).toList());
        assertEquals(0.6, ranked.get(0).score(), 1e-12);
        assertEquals(0.6, ranked.get(1).score(), 1e-12);
        assertEquals(0.3, ranked.get(2).score(), 1e-12);
    }

    @Test
    void weightsAreDividedByTheirSum() {
        // 5 / 3 / 2 gives the same scores as 0.5 / 0.3 / 0.2
        List<Ranking.Scored> ranked = Ranking.rank(PLANS, new RecommendationRequest.Ranking("WEIGHTED",
                new RecommendationRequest.Weights(5.0, 3.0, 2.0)), true);
        assertEquals(0.3, ranked.get(2).score(), 1e-12);
    }

    @Test
    void aCriterionWithOneValueScoresOneForEveryPlan() {
        List<Ranking.Scored> ranked = Ranking.rank(List.of(plan("only", "100", "50", 10)),
                new RecommendationRequest.Ranking("WEIGHTED", new RecommendationRequest.Weights(1.0, 1.0, 1.0)), true);
        assertEquals(1.0, ranked.getFirst().score());
    }
}
