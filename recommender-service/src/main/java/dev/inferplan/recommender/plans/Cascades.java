package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.plans.RecommendationRequest.CalibrationPair;
import dev.inferplan.recommender.plans.RecommendationRequest.Constraints;
import dev.inferplan.recommender.snapshots.Evidence;
import dev.inferplan.recommender.snapshots.ModelVersion;
import dev.inferplan.recommender.snapshots.Snapshot;

import org.HdrHistogram.Histogram;

/**
 * A two-model cascade (README, "Cascades"): the cheap version answers every request, a fraction e is
 * escalated to the strong one. Each is sized alone under the request's SLO and constraints without the
 * quality floor (the cascade's quality is judged blended): the cheap one at the request's traffic, the
 * strong one at e × traffic. {@code cost_per_1k = c1 + e × c2} (c2 per escalated 1k), {@code quality ≈
 * (1 − e) q1 + e q2} (an ESTIMATE), the path's latency composed from the two points' histograms
 * ({@link LatencyHistograms}). Rejected, with the reason, when the composed latency breaks the SLO, the
 * estimate misses the quality floor, or the blended cost the budget.
 */
public final class Cascades {

    public static final int MIN_CALIBRATION_PAIRS = 50;

    private Cascades() {
    }

    public record Side(long modelVersionId, String label, BigDecimal quality, String provider, String region,
                       String instanceType, String purchaseOption, int replicasBilled, double qps,
                       Money monthlyCostUsd, Money costPer1kUsd, long latencyResultId, String latencySource) {
    }

    public record Estimate(BigDecimal value, String label, String inputs) {
    }

    public record ComposedLatency(double p50Ms, double p90Ms, double p95Ms, double p99Ms, String method) {
    }

    /** The cascade's answer; {@code rejected} with {@code reason} when it fails a constraint. */
    public record Answer(Side cheap, Side strong, double escalationFraction, String escalationSource,
                         Money blendedCostPer1kUsd, Money blendedMonthlyUsd, Estimate blendedQuality,
                         ComposedLatency latency, boolean rejected, String reason) {
    }

    /** The escalation fraction from a calibration set: the share of pairs below the confidence threshold. */
    public static double escalationFraction(List<CalibrationPair> calibration, double threshold) {
        long below = calibration.stream().filter(p -> p.confidence() < threshold).count();
        return (double) below / calibration.size();
    }

    public static Answer of(RecommendationRequest request, Snapshot snapshot, boolean higherIsBetter,
                            PointDetails details) {
        RecommendationRequest.Cascade asked = request.cascade();
        double e;
        String source;
        if (asked.escalationFraction() != null) {
            e = asked.escalationFraction();
            source = "request";
        } else {
            e = escalationFraction(asked.calibration(), asked.confidenceThreshold());
            long kept = asked.calibration().stream().filter(p -> p.confidence() >= asked.confidenceThreshold()).count();
            long keptCorrect = asked.calibration().stream()
                    .filter(p -> p.confidence() >= asked.confidenceThreshold() && Boolean.TRUE.equals(p.correct())).count();
            source = "calibration: " + asked.calibration().size() + " pairs, confidence < "
                    + asked.confidenceThreshold() + " escalated; the cheap model was right on " + keptCorrect + " of "
                    + kept + " it kept";
        }
        Long cheapId = asked.cheapModelVersionId();
        Long strongId = asked.strongModelVersionId();
        RecommendationRequest unfloored = request.withConstraintsAndQuality(request.constraints(),
                request.quality() == null ? null
                        : new RecommendationRequest.Quality(request.quality().metric(), request.quality().dataset(), null));
        List<Plan> all = Planner.evaluate(unfloored, snapshot, BigDecimal.ONE, false).feasible();
        if (cheapId == null) {
            cheapId = all.stream().min(Comparator.comparing(Plan::monthlyCostUsd).thenComparing(Plan::key))
                    .map(Plan::modelVersionId).orElse(null);
        }
        if (strongId == null) {
            Long cheap = cheapId;
            strongId = all.stream().filter(p -> p.modelVersionId() != cheap && p.quality() != null)
                    .max(Comparator.comparingDouble((Plan p) -> p.qualityAxis(higherIsBetter))
                            .thenComparing(Plan::monthlyCostUsd, Comparator.reverseOrder()))
                    .map(Plan::modelVersionId).orElse(null);
        }
        if (cheapId == null || strongId == null || cheapId.equals(strongId)) {
            return rejected(e, source, "no two versions of " + request.task() + " with a feasible plan to pair");
        }
        Optional<Plan> cheap = best(unfloored, snapshot, cheapId, 1);
        Optional<Plan> strong = e == 0 ? best(unfloored, snapshot, strongId, 1) : best(unfloored, snapshot, strongId, e);
        if (cheap.isEmpty() || strong.isEmpty()) {
            return rejected(e, source, "version " + (cheap.isEmpty() ? cheapId : strongId)
                    + " has no feasible plan under the SLO and constraints");
        }
        Plan p1 = cheap.get();
        Plan p2 = strong.get();
        Side s1 = side(p1, details);
        Side s2 = side(p2, details);
        Money blendedMonthly = e == 0 ? p1.monthlyCostUsd() : p1.monthlyCostUsd().plus(p2.monthlyCostUsd());
        Money blendedPer1k = null;
        if (p1.costPer1kUsd() != null) {
            // p2 is sized and priced at e × traffic: its cost per 1k is per escalated request
            blendedPer1k = e == 0 ? p1.costPer1kUsd()
                    : p1.costPer1kUsd().plus(p2.costPer1kUsd().times(BigDecimal.valueOf(e)));
        }
        Estimate quality = null;
        if (p1.quality() != null && p2.quality() != null) {
            BigDecimal q = p1.quality().multiply(BigDecimal.valueOf(1 - e))
                    .add(p2.quality().multiply(BigDecimal.valueOf(e))).setScale(4, RoundingMode.HALF_EVEN);
            quality = new Estimate(q, "ESTIMATE", "(1 − e) × q1 + e × q2 with e = " + e + ", q1 = "
                    + p1.quality().toPlainString() + " (" + p1.label() + "), q2 = " + p2.quality().toPlainString()
                    + " (" + p2.label() + "): assumes escalated requests score as the strong model does on average");
        }
        ComposedLatency latency = composed(p1, p2, e, details, snapshot);
        String reason = null;
        if (!request.batchWork()) {
            String percentile = request.latency().percentile();
            double composedMs = new LatencyHistograms.Percentiles(latency.p50Ms(), latency.p90Ms(), latency.p95Ms(),
                    latency.p99Ms()).at(percentile);
            if (composedMs > request.latency().maxMs()) {
                reason = "composed " + percentile + " " + Planner.ms(composedMs) + " ms > " + Planner.ms(request.latency().maxMs())
                        + " ms (escalated requests pay both models' latency)";
            }
        }
        if (reason == null && quality != null && request.quality() != null && request.quality().min() != null) {
            BigDecimal min = BigDecimal.valueOf(request.quality().min());
            int side = quality.value().compareTo(min);
            if (higherIsBetter ? side < 0 : side > 0) {
                reason = "estimated " + request.quality().metric() + " " + quality.value().toPlainString()
                        + (higherIsBetter ? " < " : " > ") + min.toPlainString();
            }
        }
        RecommendationRequest.Budget budget = request.budget();
        if (reason == null && budget != null && budget.monthlyUsd() != null
                && blendedMonthly.compareTo(budget.monthlyUsd()) > 0) {
            reason = "monthly " + Planner.dollars(blendedMonthly) + " > budget " + Planner.dollars(budget.monthlyUsd());
        }
        return new Answer(s1, s2, e, source, blendedPer1k, blendedMonthly, quality, latency, reason != null, reason);
    }

    /** The cheapest feasible plan of one version, at {@code trafficFactor} × the request's traffic. */
    private static Optional<Plan> best(RecommendationRequest request, Snapshot snapshot, long versionId,
                                       double trafficFactor) {
        Constraints c = request.constraints();
        Constraints only = new Constraints(c.providers(), c.regions(), c.purchaseOptions(), c.accelerators(),
                c.instanceTypes(), c.tiers(), List.of(versionId), c.statuses(), c.minReplicas(),
                c.targetUtilization(), c.spot(), c.onDemandFloorPercent());
        RecommendationRequest one = request.withConstraintsAndQuality(only, request.quality());
        if (trafficFactor != 1) {
            one = one.withTrafficTimes(trafficFactor);
        }
        return Planner.evaluate(one, snapshot, BigDecimal.ONE, false).feasible().stream()
                .min(Comparator.comparing(Plan::monthlyCostUsd).thenComparing(Plan::key));
    }

    private static Side side(Plan plan, PointDetails details) {
        long resultId = plan.evidence().getFirst().resultId();
        return new Side(plan.modelVersionId(), plan.label(), plan.quality(), plan.provider(), plan.region(),
                plan.instanceType(), plan.purchaseOption(), plan.replicasBilled(), plan.qpsAtSlo(),
                plan.monthlyCostUsd(), plan.costPer1kUsd(), resultId,
                details.latencyHistogram(resultId).isPresent() ? "histogram" : "percentiles");
    }

    static ComposedLatency composed(Plan p1, Plan p2, double e, PointDetails details, Snapshot snapshot) {
        Evidence.Latencies l1 = latencies(p1, snapshot);
        Evidence.Latencies l2 = latencies(p2, snapshot);
        Optional<byte[]> h1 = details.latencyHistogram(p1.evidence().getFirst().resultId());
        Optional<byte[]> h2 = details.latencyHistogram(p2.evidence().getFirst().resultId());
        Histogram d1 = h1.map(LatencyHistograms::decode)
                .orElseGet(() -> LatencyHistograms.fromPercentiles(l1.p50(), l1.p90(), l1.p95(), l1.p99()));
        Histogram d2 = h2.map(LatencyHistograms::decode)
                .orElseGet(() -> LatencyHistograms.fromPercentiles(l2.p50(), l2.p90(), l2.p95(), l2.p99()));
        LatencyHistograms.Percentiles p = LatencyHistograms.percentiles(LatencyHistograms.cascade(d1, d2, e));
        String method = h1.isPresent() && h2.isPresent()
                ? "convolution of the two points' measured HdrHistograms, mixed (1 − e) · D1 + e · (D1 * D2)"
                : "APPROXIMATION: " + (h1.isEmpty() && h2.isEmpty() ? "neither point has" : h1.isEmpty()
                        ? "the cheap model's point has no" : "the strong model's point has no")
                        + " histogram (published evidence or none stored); its distribution is rebuilt from its"
                        + " p50/p90/p95/p99 (quantile function linear between them, flat above p99), so the composed"
                        + " tail is a lower bound";
        return new ComposedLatency(p.p50(), p.p90(), p.p95(), p.p99(), method);
    }

    /** The percentiles of the point a plan's capacity rests on (its first evidence). */
    private static Evidence.Latencies latencies(Plan plan, Snapshot snapshot) {
        long resultId = plan.evidence().getFirst().resultId();
        return snapshot.evidenceOf(plan.modelVersionId()).stream().filter(x -> x.resultId() == resultId)
                .findFirst().map(Evidence::latencyMs).orElse(new Evidence.Latencies(plan.latencyMs(), plan.latencyMs(),
                        plan.latencyMs(), plan.latencyMs()));
    }

    private static Answer rejected(double e, String source, String reason) {
        return new Answer(null, null, e, source, null, null, null, null, true, reason);
    }
}
