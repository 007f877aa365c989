package dev.inferplan.recommender.plans;

import java.util.List;
import java.util.Optional;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.plans.RecommendationRequest.Traffic;
import dev.inferplan.recommender.snapshots.Snapshot;

import org.junit.jupiter.api.Test;

import static dev.inferplan.recommender.plans.Fixtures.cpu;
import static dev.inferplan.recommender.plans.Fixtures.offer;
import static dev.inferplan.recommender.plans.Fixtures.snapshot;
import static dev.inferplan.recommender.plans.Fixtures.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whether the top plans' order could flip within their windows' throughput spread and the price band. */
class RankStabilityTest {

    /** v1 on c7i.large at 0.10 ($365 a month), v2 on m7i.large at 0.11 ($401.50); both 100 qps → 5 replicas at peak 300. */
    private static Snapshot book() {
        return snapshot(List.of(version(1, "v1", "56"), version(2, "v2", "56")),
                List.of(cpu(11, 1, "pool-a", 100, 20, List.of("aws/c7i.large")),
                        cpu(12, 2, "pool-b", 100, 20, List.of("aws/m7i.large"))),
                List.of(offer("aws", "us-east-1", "c7i.large", "", 0, "ON_DEMAND", "0.10"),
                        offer("aws", "us-east-1", "m7i.large", "", 0, "ON_DEMAND", "0.11")));
    }

    private static RecommendationRequest request(Boolean stability) {
        return new RecommendationRequest(Fixtures.TASK, null, new RecommendationRequest.Latency("p95", 50.0), null,
                new Traffic(300.0, 300.0, "steady"), null, null, null, null, null, null, null)
                .withEconomics(null, null, null, null, null, stability).withDefaults();
    }

    /** v1's point (result 11) measured in windows of these throughputs; v2's with none. */
    private static PointDetails windows(double... throughputs) {
        return new PointDetails() {
            @Override
            public Optional<byte[]> latencyHistogram(long resultId) {
                return Optional.empty();
            }

            @Override
            public List<Window> windows(long modelVersionId, long resultId) {
                if (resultId != 11) {
                    return List.of();
                }
                return java.util.Arrays.stream(throughputs).mapToObj(t -> new Window(t, 20)).toList();
            }
        };
    }

    private static List<RankStability.Stability> stability(PointDetails details) {
        return Recommender.recommend(request(true), book(), new Recommender.Freshness(false, 0, 0), details)
                .rankStability();
    }

    @Test
    void aWideWindowSpreadLetsTheTopTwoSwap() {
        // windows 80/100/120 around a mean of 100: capacity 80 → ceil(300/56) = 6 replicas ($438);
        // 120 → ceil(300/84) = 4 ($292); v2 stays at $401.50, inside $292–$438
        List<RankStability.Stability> top = stability(windows(80, 100, 120));
        RankStability.Stability first = top.getFirst();
        assertEquals(1, first.modelVersionId());
        assertFalse(first.rankStable());
        assertEquals(Money.of("292"), first.keyLowUsd());
        assertEquals(Money.of("438"), first.keyHighUsd());
        assertEquals(-20.0, first.throughputSpreadLowPercent());
        assertEquals(20.0, first.throughputSpreadHighPercent());
        assertTrue(first.reason().startsWith("could swap with #2 v2: monthly cost $292.00–$438.00 and $401.50–$401.50"),
                first.reason());
        assertFalse(top.get(1).rankStable());
        assertTrue(top.get(1).reason().startsWith("no stability windows"), top.get(1).reason());
    }

    @Test
    void aNarrowSpreadKeepsTheOrder() {
        // 99 → ceil(300/69.3) = 5 and 101 → ceil(300/70.7) = 5: $365 either way, below v2's $401.50
        RankStability.Stability first = stability(windows(99, 100, 101)).getFirst();
        assertTrue(first.rankStable(), first.reason());
        assertEquals("monthly cost $365.00–$365.00 keeps its neighbours' ranges apart and the winner holds at prices ±20 %",
                first.reason());
    }

    @Test
    void notAskedNotAnswered() {
        assertNull(Recommender.recommend(request(null), book(), new Recommender.Freshness(false, 0, 0), windows(100))
                .rankStability());
    }
}
