package dev.inferplan.recommender.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.snapshots.Evidence;
import dev.inferplan.recommender.snapshots.ModelVersion;
import dev.inferplan.recommender.snapshots.PriceOffer;
import dev.inferplan.recommender.snapshots.Snapshot;

import org.junit.jupiter.api.Test;

/**
 * The sensitivity cases' shortcut under LOWEST_COST ({@link Planner#cheapest}: the first three plans without
 * building the others) against the general path (every plan repriced, then ranked), on random books whose
 * prices come from a few values so that plans tie on cost, quality and latency and the identity decides.
 */
class SensitivityShortcutTest {

    private static final String[] OPTIONS = {"ON_DEMAND", "SPOT", "RESERVED_1Y"};
    private static final String[] PRICES = {"0.5", "0.75", "1.0", "2.0"};

    @Test
    void theCheapestThreeAreTheFirstThreeOfTheFullRanking() {
        Random random = new Random(11);
        int compared = 0;
        for (int round = 0; round < 40; round++) {
            Snapshot snapshot = randomSnapshot(random);
            RecommendationRequest request = Fixtures.request();
            if (random.nextBoolean()) {
                request = Fixtures.withBudget(request, String.valueOf(500 + random.nextInt(3000)));
            }
            if (random.nextBoolean()) {
                request = Fixtures.withConstraints(request, Fixtures.spot("mixed", 50));
            }
            Evaluation evaluation = Planner.evaluate(request, snapshot, BigDecimal.ONE);
            for (double traffic : new double[] {0.5, 1, 2}) {
                for (String factor : new String[] {"0.8", "1", "1.2"}) {
                    RecommendationRequest asked = traffic == 1 ? request : request.withTrafficTimes(traffic);
                    BigDecimal priceFactor = new BigDecimal(factor);
                    List<Plan> full = Ranking.rank(Planner.repriced(asked, snapshot, evaluation.priced(), priceFactor),
                            request.ranking(), true).stream().map(Ranking.Scored::plan).limit(3).toList();
                    List<Plan> shortcut = Planner.cheapest(asked, snapshot, evaluation.priced(), priceFactor, true, 3);
                    assertEquals(full.stream().map(Plan::key).toList(), shortcut.stream().map(Plan::key).toList(),
                            "round " + round + ", traffic ×" + traffic + ", prices ×" + factor);
                    assertEquals(full.stream().map(Plan::monthlyCostUsd).toList(),
                            shortcut.stream().map(Plan::monthlyCostUsd).toList());
                    assertEquals(full, shortcut, "the same plans, field by field");
                    compared += full.size();
                }
            }
        }
        assertTrue(compared > 500, "plans compared: " + compared);
    }

    private static Snapshot randomSnapshot(Random random) {
        List<ModelVersion> versions = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        long resultId = 1;
        for (long v = 1; v <= 6; v++) {
            versions.add(Fixtures.version(v, "m" + v, random.nextBoolean() ? "60.0" : "58.5"));
            for (String accelerator : new String[] {"nvidia-l4", "nvidia-t4"}) {
                if (random.nextInt(3) > 0) {
                    evidence.add(Fixtures.server(resultId++, v, "pool-" + accelerator, accelerator, 1,
                            20 + random.nextInt(3) * 20, 10 + random.nextInt(2) * 10));
                }
            }
        }
        List<PriceOffer> offers = new ArrayList<>();
        for (String provider : new String[] {"aws", "gcp"}) {
            for (String region : new String[] {"r-1", "r-1a", "r-2"}) {
                for (String accelerator : new String[] {"nvidia-l4", "nvidia-t4"}) {
                    for (String option : OPTIONS) {
                        offers.add(Fixtures.offer(provider, region, accelerator + ".x", accelerator, 1, option,
                                PRICES[random.nextInt(PRICES.length)]));
                    }
                }
            }
        }
        return Fixtures.snapshot(versions, evidence, offers);
    }
}
