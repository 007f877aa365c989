package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.plans.RecommendationRequest.Latency;
import dev.inferplan.recommender.plans.RecommendationRequest.TokensPerRequest;
import dev.inferplan.recommender.plans.RecommendationRequest.Traffic;
import dev.inferplan.recommender.snapshots.CatalogSnapshot;
import dev.inferplan.recommender.snapshots.Evidence;
import dev.inferplan.recommender.snapshots.ModelVersion;
import dev.inferplan.recommender.snapshots.PriceOffer;
import dev.inferplan.recommender.snapshots.PriceSnapshot;
import dev.inferplan.recommender.snapshots.QualityMetric;
import dev.inferplan.recommender.snapshots.Snapshot;
import dev.inferplan.recommender.snapshots.UnitOffer;

import org.junit.jupiter.api.Test;

import static dev.inferplan.recommender.plans.Fixtures.TASK;
import static dev.inferplan.recommender.plans.Fixtures.offer;
import static dev.inferplan.recommender.plans.Fixtures.point;
import static dev.inferplan.recommender.plans.Fixtures.server;
import static dev.inferplan.recommender.plans.Fixtures.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hosted model APIs priced per unit beside self-hosted plans (issue 15 §1), with hand-computed costs. */
class HostedPlansTest {

    private static final String EMBEDDER = "example-hosted-embedder";
    private static final String LLM = "example-hosted-llm";

    private static ModelVersion hosted(long id, String label, String mteb, String servedModel) {
        return new ModelVersion(id, "hosted", label, TASK, "APPROVED", "TIER_1",
                List.of(new QualityMetric("mteb_avg", new BigDecimal(mteb), "mteb", true, "PUBLISHED")), servedModel);
    }

    /** A provider's published latency: p50 = p95 / 2, p99 = 1.2 × p95 (Fixtures.point). */
    private static Evidence published(long id, long version, double p95) {
        return point(id, version, "published/hosted-example", "hosted", 0, "SERVER", 1, 50, p95, true, "PUBLISHED",
                List.of());
    }

    private static UnitOffer unit(String servedModel, String endpoint, String unit, String price) {
        return new UnitOffer("hosted-example", "global", endpoint, "ON_DEMAND", unit, servedModel, Money.of(price), 9);
    }

    private static Snapshot snapshot(List<ModelVersion> versions, List<Evidence> evidence, List<PriceOffer> offers,
                                     List<UnitOffer> unitOffers) {
        return new Snapshot(new CatalogSnapshot(41, List.of(TASK), versions, evidence, Instant.EPOCH),
                new PriceSnapshot(List.of(7L, 9L), offers, Instant.EPOCH, unitOffers));
    }

    private static RecommendationRequest request(double avgQps, String evidence, TokensPerRequest tokens) {
        return new RecommendationRequest(TASK, new RecommendationRequest.Quality("mteb_avg", null, 55.0),
                new Latency("p95", 50.0), null, new Traffic(avgQps, avgQps, "steady"), null, null, evidence, null, null,
                null, null, tokens).withDefaults();
    }

    private static List<Plan> ranked(RecommendationRequest request, Snapshot snapshot) {
        return Recommender.recommend(request, snapshot, new Recommender.Freshness(false, 0, 0)).plans();
    }

    @Test
    void aTokenPricedApiCostsTheMonthsTokensAtItsUnitPrices() {
        Snapshot snapshot = snapshot(List.of(hosted(2, "llm-api", "58", LLM)), List.of(published(21, 2, 45)), List.of(),
                List.of(unit(LLM, "chat-api", "1K_INPUT_TOKENS", "0.00015"),
                        unit(LLM, "chat-api", "1K_OUTPUT_TOKENS", "0.0006")));
        Plan plan = ranked(request(2, RecommendationRequest.WITH_PUBLISHED, new TokensPerRequest(800.0, 200.0)), snapshot)
                .getFirst();
        // requests = 2 qps × 3600 × 730 = 5,256,000
        // input:  5,256,000 × 800 / 1000 = 4,204,800 units × 0.00015 = 630.72
        // output: 5,256,000 × 200 / 1000 = 1,051,200 units × 0.0006  = 630.72
        assertEquals(0, new BigDecimal("5256000").compareTo(plan.hosted().monthlyRequests()));
        assertEquals(List.of("1K_INPUT_TOKENS:4204800:630.72", "1K_OUTPUT_TOKENS:1051200:630.72"),
                plan.hosted().charges().stream().map(c -> c.unit() + ":" + c.units().toPlainString() + ":"
                        + c.monthlyUsd().usd().stripTrailingZeros().toPlainString()).toList());
        assertEquals(Money.of("1261.44"), plan.monthlyCostUsd());
        // 1261.44 × 1000 / 5,256,000 = 0.24
        assertEquals(Money.of("0.24"), plan.costPer1kUsd());
        assertEquals(0, plan.replicas(), "the provider runs it: nothing to size");
        assertEquals(0, plan.replicasBilled());
        assertEquals("hosted", plan.accelerator());
        assertEquals("PUBLISHED", plan.provenance());
        assertEquals(45, plan.latencyMs(), 1e-9, "the provider's published p95");
        assertEquals(LLM, plan.hosted().servedModel());
        assertEquals("hosted-example", plan.provider());
        assertEquals("chat-api", plan.instanceType());
        assertNull(plan.mix());
        assertTrue(plan.why().contains("published latency (PUBLISHED)"), plan.why());
    }

    @Test
    void theHostedApiWinsAtLowVolumeAndTheSelfHostedPlanAtHighVolume() {
        // self-hosted: one L4 at 30 qps within p95 40 ms, 0.70 $/h; hosted: 500 input tokens at 0.0001 $/1K
        Snapshot snapshot = snapshot(List.of(version(1, "minilm-l4", "56"), hosted(2, "embed-api", "57", EMBEDDER)),
                List.of(server(11, 1, "l4-pool", "nvidia-l4", 1, 30, 40), published(21, 2, 45)),
                List.of(offer("gcp", "us-central1", "g2-standard-4", "nvidia-l4", 1, "ON_DEMAND", "0.70")),
                List.of(unit(EMBEDDER, "embeddings-api", "1K_INPUT_TOKENS", "0.0001")));
        TokensPerRequest tokens = new TokensPerRequest(500.0, null);

        // 1 qps: hosted 1 × 3600 × 730 × 500 / 1000 × 0.0001 = 131.40; self-hosted 1 replica × 0.70 × 730 = 511.00
        List<Plan> low = ranked(request(1, RecommendationRequest.WITH_PUBLISHED, tokens), snapshot);
        assertEquals(List.of("embed-api:131.4", "minilm-l4:511"), low.stream()
                .map(p -> p.label() + ":" + p.monthlyCostUsd().usd().stripTrailingZeros().toPlainString()).toList());

        // 100 qps: hosted 100 × 3600 × 730 × 0.5 × 0.0001 = 13,140.00; self-hosted ceil(100 / (30 × 0.7)) = 5
        // replicas × 0.70 × 730 = 2,555.00
        List<Plan> high = ranked(request(100, RecommendationRequest.WITH_PUBLISHED, tokens), snapshot);
        assertEquals(List.of("minilm-l4:2555", "embed-api:13140"), high.stream()
                .map(p -> p.label() + ":" + p.monthlyCostUsd().usd().stripTrailingZeros().toPlainString()).toList());
        assertEquals(5, high.getFirst().replicas());
    }

    @Test
    void aHostedApiNeedsPublishedEvidenceAndMeetsTheSloWithIt() {
        List<UnitOffer> offers = List.of(unit(EMBEDDER, "embeddings-api", "REQUEST", "0.0001"));
        Snapshot fast = snapshot(List.of(hosted(2, "embed-api", "57", EMBEDDER)), List.of(published(21, 2, 45)),
                List.of(), offers);
        Evaluation measuredOnly = Planner.evaluate(request(1, RecommendationRequest.MEASURED_ONLY, null), fast,
                BigDecimal.ONE);
        assertEquals(List.of(), measuredOnly.feasible());
        assertEquals("evidence", measuredOnly.rejected().getFirst().constraint());
        assertTrue(measuredOnly.rejected().getFirst().reason().contains("WITH_PUBLISHED"),
                measuredOnly.rejected().getFirst().reason());

        // per REQUEST: 1 × 3600 × 730 × 0.0001 = 262.80, no tokens needed
        Evaluation priced = Planner.evaluate(request(1, RecommendationRequest.WITH_PUBLISHED, null), fast, BigDecimal.ONE);
        assertEquals(Money.of("262.80"), priced.feasible().getFirst().monthlyCostUsd());

        Snapshot slow = snapshot(List.of(hosted(2, "embed-api", "57", EMBEDDER)), List.of(published(21, 2, 80)),
                List.of(), offers);
        Evaluation tooSlow = Planner.evaluate(request(1, RecommendationRequest.WITH_PUBLISHED, null), slow,
                BigDecimal.ONE);
        assertEquals(List.of(), tooSlow.feasible());
        assertEquals("latency", tooSlow.rejected().getFirst().constraint());
        assertTrue(tooSlow.rejected().getFirst().reason().contains("published"), tooSlow.rejected().getFirst().reason());
    }

    @Test
    void aPublishedPercentileNotStatedIsReadAtTheNextHigherOne() {
        Evidence p99Only = new Evidence(31, 2, "published/hosted-example", "hosted", 0, "SERVER", 1, 1, 50,
                new Evidence.Latencies(100, 0, 0, 300), true, "", "PUBLISHED", "https://status.example.com", List.of());
        assertEquals(300, HostedPlans.latencyAt(p99Only, dev.inferplan.contracts.benchmarks.LatencyPercentile.P95), 0);
        assertEquals(100, HostedPlans.latencyAt(p99Only, dev.inferplan.contracts.benchmarks.LatencyPercentile.P50), 0);
    }
}
