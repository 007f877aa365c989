package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.plans.RecommendationRequest.Constraints;
import dev.inferplan.recommender.plans.RecommendationRequest.Traffic;
import dev.inferplan.recommender.snapshots.PriceOffer;
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

/** Break-even of every commitment and payment option, the autoscaled mix, and spot with its allowance. */
class CommitmentsTest {

    private static final PriceOffer ON_DEMAND = offer("aws", "us-east-1", "c7i.large", "", 0, "ON_DEMAND", "0.10");
    private static final PriceOffer RI_1Y_NO_UPFRONT = offer("aws", "us-east-1", "c7i.large", "", 0, "RESERVED_1Y", "0.07");
    /** $300 upfront: 300 / 8760 h = 0.0342465753 of the 0.065 hourly; recurring 0.0307534247. */
    private static final PriceOffer RI_1Y_PARTIAL = upfront("RESERVED_1Y", "0.065", "300");
    /** $1182.60 upfront over 36 × 730 = 26280 h is exactly the 0.045 hourly: nothing recurring. */
    private static final PriceOffer RI_3Y_ALL = upfront("RESERVED_3Y", "0.045", "1182.60");
    private static final PriceOffer SAVINGS_PLAN = offer("aws", "us-east-1", "c7i.large", "", 0, "COMMITTED_1Y", "0.12");
    private static final PriceOffer SPOT = offer("aws", "us-east-1", "c7i.large", "", 0, "SPOT", "0.03");

    private static PriceOffer upfront(String option, String hourly, String fee) {
        return new PriceOffer("aws", "us-east-1", "", "c7i.large", "", 0, option, Money.of(hourly), 7,
                PriceOffer.INSTANCE, List.of(), Money.of(fee));
    }

    private static Snapshot book() {
        return snapshot(List.of(version(1, "v1", "56")),
                List.of(cpu(11, 1, "local-cpu", 100, 20, List.of("aws/c7i.large"))),
                List.of(ON_DEMAND, RI_1Y_NO_UPFRONT, RI_1Y_PARTIAL, RI_3Y_ALL, SAVINGS_PLAN, SPOT));
    }

    /** Peak 300 qps at 100 qps × 0.7 a replica: ceil(4.29) = 5 replicas; average 100: ceil(1.43) = 2. */
    private static RecommendationRequest request(String profile, RecommendationRequest.SpotRisk risk, String spot) {
        RecommendationRequest base = new RecommendationRequest(Fixtures.TASK, null,
                new RecommendationRequest.Latency("p95", 50.0), null, new Traffic(100.0, 300.0, profile), null,
                new Constraints(null, null, null, null, null, null, null, null, null, null, spot, null), null, null, null,
                null, null);
        return base.withEconomics(new RecommendationRequest.Commitments(null), risk, null, null, null, null)
                .withDefaults();
    }

    private static Plan plan(Recommendation answer, String purchaseOption) {
        return answer.plans().stream().filter(p -> p.purchaseOption().equals(purchaseOption)).findFirst().orElseThrow();
    }

    private static Commitments.Option option(Commitments.BreakEven breakEven, String purchaseOption, String payment) {
        return breakEven.options().stream()
                .filter(o -> o.purchaseOption().equals(purchaseOption) && o.paymentOption().equals(payment))
                .findFirst().orElseThrow();
    }

    private static Recommendation answer(RecommendationRequest request) {
        return Recommender.recommend(request, book(), new Recommender.Freshness(false, 0, 0));
    }

    @Test
    void steadyPlanPricesEveryCommitmentAndPaymentOptionAgainstOnDemand() {
        Commitments.BreakEven be = plan(answer(request("steady", null, null)), "ON_DEMAND").economics().breakEven();
        // 5 replicas × 0.10 × 730
        assertEquals(Money.of("365.00"), be.onDemandMonthlyUsd());
        assertEquals(0, new BigDecimal("1").compareTo(be.fleetUtilization()));
        Commitments.Option noUpfront = option(be, "RESERVED_1Y", "NO_UPFRONT");
        assertEquals(Money.of("255.50"), noUpfront.monthlyUsd());          // 5 × 0.07 × 730
        assertEquals(new BigDecimal("0.7000"), noUpfront.breakEvenUtilization());   // 0.07 / 0.10
        assertTrue(noUpfront.beatsOnDemand());
        assertEquals(Money.of("109.50"), noUpfront.monthlySavingsUsd());
        Commitments.Option partial = option(be, "RESERVED_1Y", "PARTIAL_UPFRONT");
        assertEquals(Money.of("237.25"), partial.monthlyUsd());            // 5 × 0.065 × 730
        assertEquals(Money.of("0.0307534247"), partial.recurringHourlyUsd());
        assertEquals(Money.of("1500"), partial.upfrontTotalUsd());         // 5 × $300
        assertEquals(new BigDecimal("0.6500"), partial.breakEvenUtilization());
        Commitments.Option all = option(be, "RESERVED_3Y", "ALL_UPFRONT");
        assertEquals(Money.of("164.25"), all.monthlyUsd());                // 5 × 0.045 × 730
        assertEquals(Money.ZERO, all.recurringHourlyUsd());
        assertEquals(Money.of("5913.00"), all.upfrontTotalUsd());
        assertEquals(36, all.termMonths());
        Commitments.Option savingsPlan = option(be, "COMMITTED_1Y", "NO_UPFRONT");
        assertEquals(new BigDecimal("1.2000"), savingsPlan.breakEvenUtilization());
        assertFalse(savingsPlan.beatsOnDemand());                          // dearer per hour: never
        assertEquals(Money.of("-73.00"), savingsPlan.monthlySavingsUsd());
        assertEquals("RESERVED_3Y", be.options().getFirst().purchaseOption());   // cheapest first
    }

    @Test
    void autoscaledFleetUsedBelowTheBreakEvenKeepsOnDemandAndReservesOnlyTheBase() {
        Plan plan = plan(answer(request("autoscaled", null, null)), "ON_DEMAND");
        Commitments.BreakEven be = plan.economics().breakEven();
        assertEquals(5, plan.replicas());
        assertEquals(2, plan.replicasBilled());
        // 2 of 5 replicas billed on average: the fleet is used 0.4 of its hours
        assertEquals(0, new BigDecimal("0.4").compareTo(be.fleetUtilization()));
        assertEquals(Money.of("146.00"), be.onDemandMonthlyUsd());         // 2 × 0.10 × 730
        // the same 1-year reservation beats on demand when steady (1 > 0.7), not here (0.4 < 0.7): crossed
        assertFalse(option(be, "RESERVED_1Y", "NO_UPFRONT").beatsOnDemand());
        assertFalse(option(be, "RESERVED_3Y", "ALL_UPFRONT").beatsOnDemand());   // 0.4 < 0.45
        Commitments.AutoscaledMix mix = be.autoscaled().stream()
                .filter(m -> m.purchaseOption().equals("RESERVED_1Y") && m.paymentOption().equals("NO_UPFRONT"))
                .findFirst().orElseThrow();
        assertEquals(2, mix.baseReplicas());
        assertEquals(3, mix.burstReplicas());
        // burst: 3 × 0.10 × 4 h × 730 / 24 = 36.50; base: 2 × 0.07 × 730 = 102.20
        assertEquals(Money.of("138.70"), mix.mixMonthlyUsd());
        assertEquals(Money.of("182.50"), mix.onDemandMonthlyUsd());        // 146.00 + 36.50
    }

    @Test
    void spotCarriesItsInterruptionAllowanceFromTheRequest() {
        // 0.03 × (1 + 0.01 × 0.5) = 0.03015
        RecommendationRequest.SpotRisk risk = new RecommendationRequest.SpotRisk(0.01, 0.5, null, Map.of());
        Plan spot = plan(answer(request("steady", risk, "only")), "SPOT");
        assertEquals(Money.of("0.03015"), spot.hourlyUsd());
        assertEquals(Money.of("110.0475"), spot.monthlyCostUsd());          // 5 × 0.03015 × 730
        assertEquals(SpotAllowance.FROM_REQUEST, spot.economics().spotRisk().rateSource());
        assertEquals(Money.of("110.0475"), spot.economics().breakEven().spot().monthlyUsd());
    }

    @Test
    void aMixPaysTheOnDemandFloorAndTheSpotShareWithItsAllowanceAtTheProvidersDefaultRate() {
        // no rate in the request: aws's default 0.02/h × 0.5 h → factor 1.01, spot 0.0303
        RecommendationRequest.SpotRisk risk = new RecommendationRequest.SpotRisk(null, 0.5, null,
                Map.of("aws", 0.02, "default", 0.5));
        Plan mixed = plan(answer(request("steady", risk, "mixed")), "MIXED");
        // floor 50 % of 5 → 3 on demand, 2 spot: (3 × 0.10 + 2 × 0.0303) × 730 = 263.238
        assertEquals(3, mixed.mix().onDemandReplicas());
        assertEquals(Money.of("0.0303"), mixed.mix().spotHourlyUsd());
        assertEquals(Money.of("263.238"), mixed.monthlyCostUsd());
        assertEquals("config recommender.spot.interruption-rate-per-hour.aws", mixed.economics().spotRisk().rateSource());
    }

    @Test
    void withoutTheBlocksPlansCarryNoEconomics() {
        RecommendationRequest plain = new RecommendationRequest(Fixtures.TASK, null,
                new RecommendationRequest.Latency("p95", 50.0), null, new Traffic(100.0, 300.0, "steady"), null, null,
                null, null, null, null, null).withDefaults();
        assertNull(plan(answer(plain), "ON_DEMAND").economics());
    }
}
