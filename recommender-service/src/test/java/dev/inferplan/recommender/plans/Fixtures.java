package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.plans.RecommendationRequest.Budget;
import dev.inferplan.recommender.plans.RecommendationRequest.Constraints;
import dev.inferplan.recommender.plans.RecommendationRequest.Latency;
import dev.inferplan.recommender.plans.RecommendationRequest.Quality;
import dev.inferplan.recommender.plans.RecommendationRequest.Traffic;
import dev.inferplan.recommender.snapshots.CatalogSnapshot;
import dev.inferplan.recommender.snapshots.Evidence;
import dev.inferplan.recommender.snapshots.ModelVersion;
import dev.inferplan.recommender.snapshots.PriceOffer;
import dev.inferplan.recommender.snapshots.PriceSnapshot;
import dev.inferplan.recommender.snapshots.QualityMetric;
import dev.inferplan.recommender.snapshots.Snapshot;

/** Small hand-built catalogs and price books in the shapes the upstreams send. */
public final class Fixtures {

    public static final String TASK = "text-embedding";

    private Fixtures() {
    }

    public static ModelVersion version(long id, String label, String mteb) {
        return version(id, label, mteb, "APPROVED");
    }

    public static ModelVersion version(long id, String label, String mteb, String status) {
        return new ModelVersion(id, "minilm", label, TASK, status, "TIER_1",
                List.of(new QualityMetric("mteb_avg", new BigDecimal(mteb), "mteb", true, "PUBLISHED")), null);
    }

    public static Evidence server(long id, long version, String pool, String accelerator, int count, double qps, double p95) {
        return point(id, version, pool, accelerator, count, "SERVER", 1, qps, p95, true, "MEASURED", List.of());
    }

    public static Evidence point(long id, long version, String pool, String accelerator, int count, String scenario,
                          int batch, double qps, double p95, boolean valid, String provenance,
                          List<String> instanceTypes) {
        return new Evidence(id, version, pool, accelerator, count, scenario, batch, 1, qps,
                new Evidence.Latencies(p95 / 2, p95 * 0.9, p95, p95 * 1.2), valid, "CPU", provenance,
                provenance.equals("PUBLISHED") ? "MLPerf Inference v4.1" : "run-" + id, instanceTypes);
    }

    public static Evidence cpu(long id, long version, String pool, double qps, double p95, List<String> instanceTypes) {
        return point(id, version, pool, "cpu", 0, "SERVER", 1, qps, p95, true, "MEASURED", instanceTypes);
    }

    public static PriceOffer offer(String provider, String region, String instanceType, String accelerator, double count,
                            String purchaseOption, String hourly) {
        return new PriceOffer(provider, region, "", instanceType, accelerator, count, purchaseOption,
                Money.of(hourly), 7, PriceOffer.INSTANCE, List.of());
    }

    public static Snapshot snapshot(List<ModelVersion> versions, List<Evidence> evidence, List<PriceOffer> offers) {
        return new Snapshot(new CatalogSnapshot(41, List.of(TASK), versions, evidence, Instant.EPOCH),
                new PriceSnapshot(List.of(7L), offers, Instant.EPOCH, List.of()));
    }

    /** p95 ≤ 50 ms, peak 60 qps, average 20, steady, no budget, utilization 0.7, measured evidence only. */
    public static RecommendationRequest request() {
        return new RecommendationRequest(TASK, new Quality("mteb_avg", null, 55.0), new Latency("p95", 50.0), null,
                new Traffic(20.0, 60.0, "steady"), null, null, null, null, null, null, null, null).withDefaults();
    }

    public static RecommendationRequest withBudget(RecommendationRequest r, String usd) {
        return new RecommendationRequest(r.task(), r.quality(), r.latency(), r.batch(), r.traffic(),
                new Budget(Money.of(usd)), r.constraints(), r.evidence(), r.allowInterpolation(), r.ranking(), r.asOf(),
                r.limit(), r.tokensPerRequest());
    }

    public static RecommendationRequest withConstraints(RecommendationRequest r, Constraints c) {
        return new RecommendationRequest(r.task(), r.quality(), r.latency(), r.batch(), r.traffic(), r.budget(),
                c.withDefaults(), r.evidence(), r.allowInterpolation(), r.ranking(), r.asOf(), r.limit(),
                r.tokensPerRequest());
    }

    public static RecommendationRequest withEvidence(RecommendationRequest r, String evidence) {
        return new RecommendationRequest(r.task(), r.quality(), r.latency(), r.batch(), r.traffic(), r.budget(),
                r.constraints(), evidence, r.allowInterpolation(), r.ranking(), r.asOf(), r.limit(),
                r.tokensPerRequest());
    }

    public static Constraints spot(String mode, double floor) {
        return new Constraints(null, null, null, null, null, null, null, null, null, null, mode, floor);
    }
}
