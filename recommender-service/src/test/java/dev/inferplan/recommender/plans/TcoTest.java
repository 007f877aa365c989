package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.util.List;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.plans.RecommendationRequest.Traffic;
import dev.inferplan.recommender.snapshots.Snapshot;

import org.junit.jupiter.api.Test;

import static dev.inferplan.recommender.plans.Fixtures.cpu;
import static dev.inferplan.recommender.plans.Fixtures.offer;
import static dev.inferplan.recommender.plans.Fixtures.snapshot;
import static dev.inferplan.recommender.plans.Fixtures.version;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** TCO over the horizon with its breakdown, business value, and the LOWEST_TCO and NET_VALUE rankings. */
class TcoTest {

    /** v1 (mteb 56) on c7i.large at 0.10, v2 (mteb 60) on m7i.large at 0.20; both 100 qps: 5 replicas at peak 300. */
    private static Snapshot book() {
        return snapshot(List.of(version(1, "v1", "56"), version(2, "v2", "60")),
                List.of(cpu(11, 1, "pool-a", 100, 20, List.of("aws/c7i.large")),
                        cpu(12, 2, "pool-b", 100, 20, List.of("aws/m7i.large"))),
                List.of(offer("aws", "us-east-1", "c7i.large", "", 0, "ON_DEMAND", "0.10"),
                        offer("aws", "us-east-1", "m7i.large", "", 0, "ON_DEMAND", "0.20")));
    }

    private static final RecommendationRequest.Tco TCO = new RecommendationRequest.Tco(null, 10.0,
            new BigDecimal("100"), 50.0, new BigDecimal("0.10"), 4.0, new BigDecimal("2500"), new BigDecimal("12000"),
            new BigDecimal("5000"), 2.0);

    private static RecommendationRequest request(String mode, RecommendationRequest.Tco tco,
                                                 RecommendationRequest.Value value) {
        return new RecommendationRequest(Fixtures.TASK, new RecommendationRequest.Quality("mteb_avg", null, null),
                new RecommendationRequest.Latency("p95", 50.0), null, new Traffic(300.0, 300.0, "steady"), null, null,
                null, null, new RecommendationRequest.Ranking(mode, null), null, null)
                .withEconomics(null, null, null, tco, value, null).withDefaults();
    }

    private static List<Plan> plans(RecommendationRequest request) {
        return Recommender.recommend(request, book(), new Recommender.Freshness(false, 0, 0)).plans();
    }

    @Test
    void tcoOverThirtySixMonthsAddsEngineeringStorageRetrainingLabelingAndSetup() {
        Plan v1 = plans(request("LOWEST_TCO", TCO, null)).getFirst();
        Tco.Breakdown tco = v1.economics().tco();
        assertEquals(36, tco.horizonMonths());                              // the default
        assertEquals(Money.of("13140"), tco.infrastructureUsd());          // 5 × 0.10 × 730 = 365 × 36
        assertEquals(Money.of("36000"), tco.engineeringUsd());             // 10 h × $100 × 36
        assertEquals(Money.of("180"), tco.storageUsd());                   // 50 GiB × $0.10 × 36
        assertEquals(Money.of("30000"), tco.retrainingUsd());              // 4 × $2500 × 3 years
        assertEquals(Money.of("36000"), tco.labelingUsd());                // $12000 × 3 years
        assertEquals(Money.of("5000"), tco.oneTimeSetupUsd());
        assertEquals(Money.of("120320"), tco.tcoUsd());
        assertEquals(Money.of("3342.2222222222"), tco.tcoMonthlyUsd());   // 120320 / 36
        assertEquals(1, v1.modelVersionId());
        // v2: 730 × 36 = 26280 of infrastructure + the same 107180 beyond it
        assertEquals(Money.of("133460"), plans(request("LOWEST_TCO", TCO, null)).get(1).economics().tco().tcoUsd());
    }

    @Test
    void aHostedPlanWithoutReplicasTakesItsOwnEngineeringHours() {
        Plan hosted = new Plan(0, 9, "api", "hosted-api", null, "", 0, "", "vendor", "global", "", "api", "PER_UNIT",
                null, null, 0, 0, 0, 0, Money.ZERO, Money.of("100"), null, 7, "PUBLISHED", false, List.of(), null, null,
                new HostedPlans.HostedCost("api", java.math.BigDecimal.ZERO, List.of(), "illustrative"));
        Tco.Breakdown tco = Tco.of(hosted, TCO.withDefaults());
        assertEquals(Money.of("7200"), tco.engineeringUsd());              // 2 h × $100 × 36, not 10 h
        assertEquals(Money.of("3600"), tco.infrastructureUsd());           // $100 × 36
    }

    @Test
    void netValueRanksTheBetterModelFirstWhereLowestCostRanksTheCheaperOne() {
        RecommendationRequest.Value value = new RecommendationRequest.Value(new BigDecimal("200"), 55.0);
        List<Plan> byCost = plans(request("LOWEST_COST", null, value));
        assertEquals(1, byCost.getFirst().modelVersionId());
        List<Plan> byValue = plans(request("NET_VALUE", null, value));
        Plan v2 = byValue.getFirst();
        assertEquals(2, v2.modelVersionId());
        // (60 − 55) × 200 = 1000 a month; cost 5 × 0.20 × 730 = 730 → net 270
        assertEquals(Money.of("1000"), v2.economics().value().monthlyValueUsd());
        assertEquals(Money.of("270"), v2.economics().value().netValueUsd());
        // (56 − 55) × 200 = 200 − 365 = −165
        assertEquals(Money.of("-165"), byValue.get(1).economics().value().netValueUsd());
        assertEquals("monthlyCostUsd", v2.economics().value().costBasis());
    }

    @Test
    void withATcoTheNetValueIsAgainstTheTcoPerMonth() {
        RecommendationRequest.Value value = new RecommendationRequest.Value(new BigDecimal("200"), 55.0);
        Plan v1 = plans(request("LOWEST_COST", TCO, value)).getFirst();
        // 200 − 3342.2222222222
        assertEquals(Money.of("-3142.2222222222"), v1.economics().value().netValueUsd());
        assertEquals("tcoMonthlyUsd", v1.economics().value().costBasis());
    }
}
