package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.inferplan.contracts.money.Money;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ParetoFrontierTest {

    private static Plan plan(String name, String cost, String quality, double latency) {
        return new Plan(0, 1, "f", name, new BigDecimal(quality), "nvidia-l4", 1, "p", "aws", "r", "", name,
                "ON_DEMAND", null, null, 1, 1, 10, latency, Money.of("1"), Money.of(cost), null, 1, "MEASURED", false,
                List.of(), null, null, null);
    }

    private static List<String> names(List<ParetoFrontier.Point> front) {
        return front.stream().map(p -> p.plan().label()).toList();
    }

    @Test
    void theFrontKeepsOnlyPlansNoOtherBeatsOnCostQualityAndLatency() {
        List<Plan> plans = List.of(
                plan("a", "100", "50", 20),   // cheapest
                plan("b", "200", "60", 20),   // better quality
                plan("c", "250", "55", 20),   // dominated by b (cheaper, better, as fast)
                plan("d", "300", "60", 10),   // not on the cost–quality front, but faster than b
                plan("e", "400", "70", 30),   // best quality
                plan("f", "500", "65", 40));  // dominated by e
        List<ParetoFrontier.Point> front = ParetoFrontier.of(plans, true);
        assertEquals(List.of("a", "b", "d", "e"), names(front));
        assertEquals(List.of(true, true, false, true), front.stream().map(ParetoFrontier.Point::costQualityFront).toList());
    }

    @Test
    void equalPlansAppearOnce() {
        List<ParetoFrontier.Point> front = ParetoFrontier.of(
                List.of(plan("x", "100", "50", 20), plan("y", "100", "50", 20)), true);
        assertEquals(1, front.size());
    }

    @Test
    void aLowerIsBetterMetricIsTurnedAround() {
        List<Plan> plans = List.of(plan("cheap-worse", "100", "0.30", 20), plan("dear-better", "200", "0.10", 20));
        assertEquals(List.of("cheap-worse", "dear-better"), names(ParetoFrontier.of(plans, false)));
        assertEquals(List.of("cheap-worse"), names(ParetoFrontier.of(plans, true)));
    }

    @Test
    void theFrontMatchesTheDefinitionOnRandomSets() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            List<Plan> plans = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                plans.add(plan("p" + i, String.valueOf(1 + random.nextInt(20)), String.valueOf(random.nextInt(10)),
                        1 + random.nextInt(10)));
            }
            List<ParetoFrontier.Point> front = ParetoFrontier.of(plans, true);
            for (Plan candidate : plans) {
                boolean dominated = plans.stream().anyMatch(o -> o != candidate
                        && o.monthlyCostUsd().compareTo(candidate.monthlyCostUsd()) <= 0
                        && o.quality().compareTo(candidate.quality()) >= 0 && o.latencyMs() <= candidate.latencyMs()
                        && (o.monthlyCostUsd().compareTo(candidate.monthlyCostUsd()) < 0
                        || o.quality().compareTo(candidate.quality()) > 0 || o.latencyMs() < candidate.latencyMs()));
                boolean equalToAnotherOnFront = front.stream().anyMatch(p -> p.plan() != candidate
                        && p.plan().monthlyCostUsd().compareTo(candidate.monthlyCostUsd()) == 0
                        && p.plan().quality().compareTo(candidate.quality()) == 0
                        && p.plan().latencyMs() == candidate.latencyMs());
                boolean onFront = front.stream().anyMatch(p -> p.plan() == candidate);
                if (dominated) {
                    assertEquals(false, onFront, candidate.label() + " is dominated");
                } else if (!equalToAnotherOnFront) {
                    assertEquals(true, onFront, candidate.label() + " is not dominated");
                }
            }
        }
    }
}
