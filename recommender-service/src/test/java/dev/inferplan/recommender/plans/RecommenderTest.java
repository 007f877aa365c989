package dev.inferplan.recommender.plans;

import java.util.List;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.snapshots.Snapshot;

import org.junit.jupiter.api.Test;

import static dev.inferplan.recommender.plans.Fixtures.offer;
import static dev.inferplan.recommender.plans.Fixtures.request;
import static dev.inferplan.recommender.plans.Fixtures.server;
import static dev.inferplan.recommender.plans.Fixtures.snapshot;
import static dev.inferplan.recommender.plans.Fixtures.version;
import static dev.inferplan.recommender.plans.Fixtures.withBudget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommenderTest {

    /**
     * small: 30 qps/replica on a T4 at $0.50 → 60 / 21 → 3 replicas, 3 × 0.5 × 730 = $1095;
     * big: 100 qps/replica on an L4 at $1.00 → 60 / 70 → 1 replica, $730.
     * At 2× traffic (120 qps) small needs 6 ($2190), big 2 ($1460); at 0.5× (30 qps) small 2 ($730),
     * big 1 ($730): equal cost, big wins on quality.
     */
    private static Snapshot twoModels() {
        return snapshot(List.of(version(1, "small", "56"), version(2, "big", "58")),
                List.of(server(11, 1, "t4", "nvidia-t4", 1, 30, 20), server(21, 2, "l4", "nvidia-l4", 1, 100, 20)),
                List.of(offer("aws", "us-east-1", "g4dn.xlarge", "nvidia-t4", 1, "ON_DEMAND", "0.50"),
                        offer("gcp", "us-central1", "g2-standard-4", "nvidia-l4", 1, "ON_DEMAND", "1.00")));
    }

    private static Recommendation answer(RecommendationRequest request) {
        return Recommender.recommend(request, twoModels(), new Recommender.Freshness(false, 3, 1.5));
    }

    @Test
    void plansAreRankedByCostWithAReadableReason() {
        Recommendation answer = answer(request());
        assertEquals(List.of("big", "small"), answer.plans().stream().map(Plan::label).toList());
        Plan winner = answer.plans().getFirst();
        assertEquals(1, winner.rank());
        assertEquals(Money.of("730"), winner.monthlyCostUsd());
        assertNull(winner.score());
        assertEquals("big on gcp g2-standard-4 in us-central1 (ON_DEMAND): 1 replicas at 100 qps within p95 50 ms from "
                + "MEASURED evidence, $730.00 a month, mteb_avg 58; the lowest monthly cost of 2 feasible plans.",
                winner.why());
        assertEquals(41, answer.catalogSnapshot());
        assertEquals(List.of(7L), answer.priceBookVersions());
        assertEquals(3, answer.snapshotAgeSeconds());
        assertEquals(1.5, answer.timings().snapshot());
    }

    @Test
    void sensitivitySaysWhenTheWinnerChanges() {
        // with a $1000 budget only big is feasible at 1× (small costs $1095); at 0.5× small costs $730 too
        Recommendation answer = answer(withBudget(request(), "1000"));
        assertEquals(List.of("big"), answer.plans().stream().map(Plan::label).toList());
        var cases = answer.sensitivity();
        assertEquals(List.of("traffic ×0.5", "traffic ×2", "prices −20 %", "prices +20 %"),
                cases.stream().map(Recommendation.SensitivityCase::scenario).toList());
        // 0.5×: both $730, big first on quality: unchanged
        assertFalse(cases.get(0).winnerChanged());
        assertEquals(2, cases.get(0).top3().size());
        // 2×: big needs 2 replicas, $1460 > $1000: nothing feasible, the winner is gone
        assertNull(cases.get(1).winner());
        assertTrue(cases.get(1).winnerChanged());
        // −20 %: small 3 × 0.4 × 730 = $876 ≤ $1000 and big $584: big still wins
        assertFalse(cases.get(2).winnerChanged());
        assertEquals(Money.of("584"), cases.get(2).winner().monthlyCostUsd());
        // +20 %: big $876 still within $1000
        assertEquals(Money.of("876"), cases.get(3).winner().monthlyCostUsd());
    }

    @Test
    void nearestMissesSayWhatToRelaxByHowMuch() {
        Recommendation answer = answer(withBudget(request(), "700"));
        assertTrue(answer.plans().isEmpty());
        Recommendation.NearestMiss nearest = answer.nearestMisses().getFirst();
        assertEquals("budget", nearest.constraint());
        assertEquals("big", nearest.candidate().label());
        // $730 against $700: 30 / 700 = 4.3 %
        assertEquals("raise the budget from $700.00 to $730.00 (+4.3 %)", nearest.relax());
        assertEquals(2, answer.rejectedCandidates());
    }

    @Test
    void theAnswerIsJsonWithMoneyAsDecimalStrings() throws Exception {
        Recommendation answer = answer(withBudget(request(), "1000"));
        try (jakarta.json.bind.Jsonb jsonb = jakarta.json.bind.JsonbBuilder.create()) {
            String json = jsonb.toJson(answer);
            assertTrue(json.contains("\"monthlyCostUsd\":\"730.0000\""), json);
            assertTrue(json.contains("\"reason\":\"monthly $1095.00 > budget $1000.00\""), json);
            assertFalse(json.contains("\"gap\""), json);
            assertFalse(json.contains("\"key\""), json);
        }
    }

    @Test
    void theFrontierComesWithTheRanking() {
        Recommendation answer = answer(request());
        // big is cheaper and better: small is dominated
        assertEquals(List.of("big"), answer.frontier().stream().map(Recommendation.FrontierPoint::label).toList());
    }

    @Test
    void aValidRequestWithNothingFeasibleIsAnAnswerWithTheReasons() {
        Recommendation answer = answer(withBudget(request(), "1"));
        assertTrue(answer.plans().isEmpty());
        assertTrue(answer.frontier().isEmpty());
        assertEquals(2, answer.rejected().size());
        assertTrue(answer.rejected().stream().allMatch(r -> r.constraint().equals("budget")));
    }
}
