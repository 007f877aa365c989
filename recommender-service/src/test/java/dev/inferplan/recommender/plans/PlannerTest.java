package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.util.List;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.plans.RecommendationRequest.Constraints;
import dev.inferplan.recommender.snapshots.Evidence;
import dev.inferplan.recommender.snapshots.PriceOffer;
import dev.inferplan.recommender.snapshots.Snapshot;

import org.junit.jupiter.api.Test;

import static dev.inferplan.recommender.plans.Fixtures.cpu;
import static dev.inferplan.recommender.plans.Fixtures.offer;
import static dev.inferplan.recommender.plans.Fixtures.point;
import static dev.inferplan.recommender.plans.Fixtures.request;
import static dev.inferplan.recommender.plans.Fixtures.server;
import static dev.inferplan.recommender.plans.Fixtures.snapshot;
import static dev.inferplan.recommender.plans.Fixtures.version;
import static dev.inferplan.recommender.plans.Fixtures.withBudget;
import static dev.inferplan.recommender.plans.Fixtures.withConstraints;
import static dev.inferplan.recommender.plans.Fixtures.withEvidence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlannerTest {

    private static final PriceOffer AWS_L4 = offer("aws", "us-east-1", "g6.xlarge", "nvidia-l4", 1, "ON_DEMAND", "0.8048");
    private static final PriceOffer GCP_L4 = offer("gcp", "us-central1", "g2-standard-4", "nvidia-l4", 1, "ON_DEMAND", "0.7069");
    private static final PriceOffer AWS_L4_X4 = offer("aws", "us-east-1", "g6.12xlarge", "nvidia-l4", 4, "ON_DEMAND", "4.6016");
    private static final PriceOffer C7I = offer("aws", "us-east-1", "c7i.large", "", 0, "ON_DEMAND", "0.0893");
    private static final PriceOffer M7I = offer("aws", "us-east-1", "m7i.large", "", 0, "ON_DEMAND", "0.1008");

    private static Evaluation evaluate(RecommendationRequest request, Snapshot snapshot) {
        return Planner.evaluate(request, snapshot, BigDecimal.ONE);
    }

    @Test
    void aGpuResultAppliesToEveryOfferWithTheSameAcceleratorAndCount() {
        Snapshot snapshot = snapshot(List.of(version(1, "v1", "56")),
                List.of(server(11, 1, "l4-pool", "nvidia-l4", 1, 30, 40)), List.of(AWS_L4, GCP_L4, AWS_L4_X4));
        Evaluation evaluation = evaluate(request(), snapshot);
        assertEquals(List.of("g6.xlarge", "g2-standard-4"),
                evaluation.feasible().stream().map(Plan::instanceType).sorted(java.util.Comparator.reverseOrder()).toList());
        // peak 60 / (30 × 0.7) → 3 replicas; 3 × 0.7069 × 730 = 1548.1110
        Plan gcp = evaluation.feasible().stream().filter(p -> p.provider().equals("gcp")).findFirst().orElseThrow();
        assertEquals(3, gcp.replicas());
        assertEquals(Money.of("1548.111"), gcp.monthlyCostUsd());
        assertEquals("MEASURED", gcp.provenance());
    }

    @Test
    void aCpuResultAppliesOnlyToTheInstanceTypesItsPoolDeclares() {
        Snapshot snapshot = snapshot(List.of(version(1, "v1", "56")),
                List.of(cpu(11, 1, "local-cpu", 30, 40, List.of("aws/c7i.large"))), List.of(C7I, M7I));
        Evaluation evaluation = evaluate(request(), snapshot);
        assertEquals(List.of("c7i.large"), evaluation.feasible().stream().map(Plan::instanceType).toList());
    }

    @Test
    void aCpuPoolThatDeclaresNoInstanceTypeCannotBePriced() {
        Snapshot snapshot = snapshot(List.of(version(1, "v1", "56")),
                List.of(cpu(11, 1, "local-cpu", 30, 40, List.of())), List.of(C7I, M7I));
        Evaluation evaluation = evaluate(request(), snapshot);
        assertTrue(evaluation.feasible().isEmpty());
        Rejection rejection = evaluation.rejected().getFirst();
        assertEquals("hardware-equivalence", rejection.constraint());
        assertEquals("pool local-cpu declares no instance type", rejection.reason());
    }

    @Test
    void publishedEvidenceIsUsedOnlyWhenAskedForAndLabelled() {
        Snapshot snapshot = snapshot(List.of(version(1, "v1", "56")),
                List.of(point(11, 1, "mlperf-a10g", "nvidia-a10g", 1, "SERVER", 1, 30, 40, true, "PUBLISHED", List.of())),
                List.of(offer("aws", "us-east-1", "g5.xlarge", "nvidia-a10g", 1, "ON_DEMAND", "1.006")));
        Evaluation measuredOnly = evaluate(request(), snapshot);
        assertEquals("no measured evidence for nvidia-a10g", measuredOnly.rejected().getFirst().reason());
        Evaluation withPublished = evaluate(withEvidence(request(), RecommendationRequest.WITH_PUBLISHED), snapshot);
        Plan plan = withPublished.feasible().getFirst();
        assertEquals("PUBLISHED", plan.provenance());
        assertEquals("PUBLISHED", plan.evidence().getFirst().provenance());
        assertEquals("MLPerf Inference v4.1", plan.evidence().getFirst().source());
    }

    @Test
    void gcpAttachableAcceleratorIsPricedWithItsHostNeverAlone() {
        PriceOffer host = new PriceOffer("gcp", "us-central1", "", "n1-standard-4", "", 0, "ON_DEMAND",
                Money.of("0.1900"), 7, PriceOffer.HOST, List.of());
        PriceOffer t4 = new PriceOffer("gcp", "us-central1", "", "", "nvidia-t4", 1, "ON_DEMAND",
                Money.of("0.3500"), 7, PriceOffer.ATTACHABLE_ACCELERATOR, List.of());
        // host + 2 × T4 = 0.19 + 2 × 0.35 = 0.89 an hour
        PriceOffer configuration = GcpConfiguration.of(host, t4, 2);
        assertEquals(Money.of("0.89"), configuration.hourlyUsd());
        assertEquals("CONFIGURATION", configuration.kind());
        assertEquals(2, configuration.acceleratorCount());

        Snapshot snapshot = snapshot(List.of(version(1, "v1", "56")),
                List.of(server(11, 1, "t4x1", "nvidia-t4", 1, 30, 40), server(12, 1, "t4x2", "nvidia-t4", 2, 60, 40)),
                List.of(host, t4, configuration));
        Evaluation evaluation = evaluate(request(), snapshot);
        // the raw T4 part matches "nvidia-t4 ×1" but is never priced alone
        assertEquals(1, evaluation.feasible().size());
        Plan plan = evaluation.feasible().getFirst();
        assertEquals("t4x2", plan.pool());
        // 60 / (60 × 0.7) = 1.43 → 2 replicas; 2 × 0.89 × 730 = 1299.40
        assertEquals(Money.of("1299.40"), plan.monthlyCostUsd());
        assertEquals("no offer in the price book with nvidia-t4 ×1",
                evaluation.rejected().stream().filter(r -> r.constraint().equals("hardware-equivalence"))
                        .findFirst().orElseThrow().reason());
    }

    @Test
    void autoscaledTrafficIsBilledForTheAverageButSizedForThePeak() {
        Snapshot snapshot = snapshot(List.of(version(1, "v1", "56")),
                List.of(server(11, 1, "l4-pool", "nvidia-l4", 1, 30, 40)), List.of(GCP_L4));
        RecommendationRequest steady = request();
        RecommendationRequest autoscaled = new RecommendationRequest(steady.task(), steady.quality(), steady.latency(),
                null, new RecommendationRequest.Traffic(20.0, 60.0, "autoscaled"), null, steady.constraints(),
                steady.evidence(), true, steady.ranking(), null, 20, null);
        Plan plan = evaluate(autoscaled, snapshot).feasible().getFirst();
        assertEquals(3, plan.replicas());
        // 20 / (30 × 0.7) → 1 billed: 1 × 0.7069 × 730 = 516.037
        assertEquals(1, plan.replicasBilled());
        assertEquals(Money.of("516.037"), plan.monthlyCostUsd());
        // 516.037 / (20 × 3600 × 730) × 1000 = 0.00981805…
        assertEquals(Money.of("0.0098180556"), plan.costPer1kUsd());
    }

    @Test
    void mixedSpotKeepsTheOnDemandFloorOnTheSameInstanceTypeAndRegion() {
        PriceOffer spot = offer("gcp", "us-central1", "g2-standard-4", "nvidia-l4", 1, "SPOT", "0.2828");
        Snapshot snapshot = snapshot(List.of(version(1, "v1", "56")),
                List.of(server(11, 1, "l4-pool", "nvidia-l4", 1, 30, 40)), List.of(GCP_L4, spot));
        Evaluation evaluation = evaluate(withConstraints(request(), Fixtures.spot("mixed", 50)), snapshot);
        Plan mixed = evaluation.feasible().stream().filter(p -> p.purchaseOption().equals("MIXED")).findFirst()
                .orElseThrow();
        // 3 billed, ceil(1.5) = 2 on demand + 1 spot: (2 × 0.7069 + 0.2828) × 730 = 1238.518
        assertEquals(2, mixed.mix().onDemandReplicas());
        assertEquals(1, mixed.mix().spotReplicas());
        assertEquals(Money.of("1238.518"), mixed.monthlyCostUsd());
        assertEquals("spot only above an on-demand floor (spot: mixed)", evaluation.rejected().getFirst().reason());
        Evaluation none = evaluate(request(), snapshot);
        assertEquals(List.of("ON_DEMAND"), none.feasible().stream().map(Plan::purchaseOption).toList());
        assertEquals("spot offers excluded (spot: none)", none.rejected().getFirst().reason());
    }

    @Test
    void everyRejectionNamesTheFirstFailedConstraint() {
        Snapshot snapshot = snapshot(
                List.of(version(1, "fast", "56"), version(2, "weak", "52.1"), version(3, "proposed", "60", "PROPOSED"),
                        version(4, "slow", "58"), version(5, "unmeasured", "58"), version(6, "pricey", "58")),
                List.of(server(11, 1, "l4-pool", "nvidia-l4", 1, 30, 40),
                        server(21, 2, "l4-pool", "nvidia-l4", 1, 30, 40),
                        point(41, 4, "l4-pool", "nvidia-l4", 1, "SERVER", 8, 30, 71, true, "MEASURED", List.of()),
                        point(61, 6, "l4x4", "nvidia-l4", 4, "SERVER", 1, 30, 40, true, "MEASURED", List.of())),
                List.of(GCP_L4, AWS_L4_X4));
        Evaluation evaluation = evaluate(withBudget(request(), "1600"), snapshot);
        assertEquals(List.of("fast"), evaluation.feasible().stream().map(Plan::label).toList());
        java.util.Map<String, String> reasons = new java.util.TreeMap<>();
        evaluation.rejected().forEach(r -> reasons.put(r.candidate().label(), r.constraint() + ": " + r.reason()));
        assertEquals(java.util.Map.of(
                "weak", "quality: mteb_avg 52.1 < 55.0",
                "proposed", "statuses: statuses: PROPOSED is not in [APPROVED]",
                "slow", "latency: p95 71 ms > 50 ms at batch 8 on nvidia-l4",
                "unmeasured", "evidence: no benchmark evidence",
                // 60 / 21 → 3 × 4.6016 × 730 = 10077.504
                "pricey", "budget: monthly $10077.50 > budget $1600.00"), reasons);
        Rejection budget = evaluation.rejected().stream().filter(r -> r.constraint().equals("budget")).findFirst()
                .orElseThrow();
        assertEquals("$10077.50", budget.actual());
        assertEquals("$1600.00", budget.limit());
        // priced and refused on the budget alone: it keeps what its plan came to, for the cost–quality plot
        assertEquals(Money.of("10077.504"), budget.candidate().monthlyCostUsd());
        assertEquals(0, new java.math.BigDecimal("58").compareTo(budget.candidate().quality()));
        assertEquals(40.0, budget.candidate().latencyMs());
        Rejection weak = evaluation.rejected().stream().filter(r -> r.constraint().equals("quality")).findFirst()
                .orElseThrow();
        assertEquals(null, weak.candidate().monthlyCostUsd(), "never priced");
    }

    @Test
    void throughputOnlyEvidenceCannotCheckALatencySloAndIsNoNearMiss() {
        // a published table with throughput and no latency (timm's): 0 is "not reported", never "0 ms > 50 ms"
        Evidence throughputOnly = new Evidence(71, 1, "published/l4", "nvidia-l4", 1, "OFFLINE", 1, 1, 900,
                new Evidence.Latencies(0, 0, 0, 0), true, "CPU", "PUBLISHED", "timm benchmark table", List.of());
        Snapshot snapshot = snapshot(List.of(version(1, "v1", "56")), List.of(throughputOnly), List.of(GCP_L4));
        Evaluation evaluation = evaluate(withEvidence(request(), "WITH_PUBLISHED"), snapshot);
        assertTrue(evaluation.feasible().isEmpty());
        Rejection latency = evaluation.rejected().getFirst();
        assertEquals("latency", latency.constraint());
        assertEquals("not reported", latency.actual());
        assertEquals("no valid result on nvidia-l4 reports its p95 latency: the latency SLO cannot be checked",
                latency.reason());
        assertFalse(latency.numeric(), "not a near miss");
    }

    @Test
    void identicalReasonsAreGroupedWithTheirCount() {
        Snapshot snapshot = snapshot(List.of(version(1, "v1", "56")),
                List.of(server(11, 1, "l4-pool", "nvidia-l4", 1, 30, 40)),
                List.of(GCP_L4, AWS_L4, offer("azure", "eastus", "NC4as_T4", "nvidia-l4", 1, "ON_DEMAND", "0.9"),
                        offer("gcp", "europe-west4", "g2-standard-4", "nvidia-l4", 1, "ON_DEMAND", "0.78")));
        Evaluation evaluation = evaluate(withConstraints(request(),
                new Constraints(List.of("aws"), null, null, null, null, null, null, null, null, null, null, null)),
                snapshot);
        assertEquals(1, evaluation.feasible().size());
        Rejection gcp = evaluation.rejected().stream().filter(r -> r.actual().equals("gcp")).findFirst().orElseThrow();
        assertEquals(2, gcp.count());
        assertEquals("providers: gcp is not in [aws]", gcp.reason());
        assertEquals(3, evaluation.rejectedCandidates());
        // the budget group keeps its cheapest candidate as the example
        Evaluation overBudget = evaluate(withBudget(request(), "100"), snapshot);
        Rejection budget = overBudget.rejected().getFirst();
        assertEquals(4, budget.count());
        assertEquals("g2-standard-4", budget.candidate().instanceType());
        assertEquals("us-central1", budget.candidate().region());
    }

    @Test
    void onlyValidEvidenceCounts() {
        Snapshot snapshot = snapshot(List.of(version(1, "v1", "56")),
                List.of(point(11, 1, "l4-pool", "nvidia-l4", 1, "SERVER", 1, 30, 40, false, "MEASURED", List.of())),
                List.of(GCP_L4));
        Evaluation evaluation = evaluate(request(), snapshot);
        assertTrue(evaluation.feasible().isEmpty());
        assertEquals("no valid result on pool l4-pool (UNSTABLE/INVALID points never count)",
                evaluation.rejected().getFirst().reason());
    }

    @Test
    void batchPlansAreSizedForTheDeadline() {
        Snapshot snapshot = snapshot(List.of(version(1, "v1", "56")),
                List.of(point(11, 1, "l4-pool", "nvidia-l4", 1, "OFFLINE", 32, 500, 120, true, "MEASURED", List.of())),
                List.of(offer("gcp", "us-central1", "g2-standard-4", "nvidia-l4", 1, "ON_DEMAND", "0.34")));
        RecommendationRequest batch = new RecommendationRequest(Fixtures.TASK, null, null,
                new RecommendationRequest.Batch(2e7, 6.0), null, null, null, null, null, null, null, null, null)
                .withDefaults();
        Plan plan = evaluate(batch, snapshot).feasible().getFirst();
        assertEquals(2, plan.replicas());
        assertEquals(Money.of("114.9074074074"), plan.monthlyCostUsd());
        assertNull(plan.quality());
        assertEquals(32, plan.config().batchSize());
    }
}
