package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.inferplan.contracts.money.Money;

import jakarta.json.bind.annotation.JsonbCreator;

/**
 * What a team asks for ({@code POST /api/recommendations}); the JSON field names are the contract.
 * Absent fields take the defaults of {@link #withDefaults()}; empty allow-lists mean "no restriction".
 * Exactly one of {@code latency} (an online SLO) and {@code batch} (a daily volume with a deadline).
 */
public record RecommendationRequest(String task, Quality quality, Latency latency, Batch batch, Traffic traffic,
                                    Budget budget, Constraints constraints, String evidence,
                                    Boolean allowInterpolation, Ranking ranking, String asOf, Integer limit,
                                    TokensPerRequest tokensPerRequest, Commitments commitments, SpotRisk spotRisk,
                                    Cascade cascade, Tco tco, Value value, Boolean rankStability) {

    /** The canonical constructor binds JSON (the shorter ones are for code written before the later blocks). */
    @JsonbCreator
    public RecommendationRequest {
    }

    /** A request without the economics blocks (issue 15): commitments, spot risk, cascade, TCO, value, rank stability. */
    public RecommendationRequest(String task, Quality quality, Latency latency, Batch batch, Traffic traffic,
                                 Budget budget, Constraints constraints, String evidence, Boolean allowInterpolation,
                                 Ranking ranking, String asOf, Integer limit, TokensPerRequest tokensPerRequest) {
        this(task, quality, latency, batch, traffic, budget, constraints, evidence, allowInterpolation, ranking, asOf,
                limit, tokensPerRequest, null, null, null, null, null, null);
    }

    /** A request without tokens per request and the economics blocks. */
    public RecommendationRequest(String task, Quality quality, Latency latency, Batch batch, Traffic traffic,
                                 Budget budget, Constraints constraints, String evidence, Boolean allowInterpolation,
                                 Ranking ranking, String asOf, Integer limit) {
        this(task, quality, latency, batch, traffic, budget, constraints, evidence, allowInterpolation, ranking, asOf,
                limit, null);
    }

    public static final String MEASURED_ONLY = "MEASURED_ONLY";
    public static final String WITH_PUBLISHED = "WITH_PUBLISHED";
    public static final int DEFAULT_LIMIT = 20;

    /** The request with every absent field at its default (statuses APPROVED, utilization 0.7, ...). */
    public RecommendationRequest withDefaults() {
        return new RecommendationRequest(task, quality,
                latency,
                batch,
                traffic == null ? new Traffic(0.0, 0.0, Traffic.STEADY) : traffic.withDefaults(),
                budget,
                constraints == null ? Constraints.DEFAULT : constraints.withDefaults(),
                evidence == null ? MEASURED_ONLY : evidence,
                allowInterpolation == null ? Boolean.TRUE : allowInterpolation,
                ranking == null ? new Ranking(Ranking.LOWEST_COST, null) : ranking,
                asOf,
                limit == null ? DEFAULT_LIMIT : limit,
                tokensPerRequest,
                commitments == null ? null : commitments.withDefaults(),
                spotRisk,
                cascade,
                tco == null ? null : tco.withDefaults(),
                value,
                rankStability);
    }

    /** The same request with the economics blocks replaced (spot-risk defaults from config, tests). */
    public RecommendationRequest withEconomics(Commitments commitments, SpotRisk spotRisk, Cascade cascade, Tco tco,
                                               Value value, Boolean rankStability) {
        return new RecommendationRequest(task, quality, latency, batch, traffic, budget, constraints, evidence,
                allowInterpolation, ranking, asOf, limit, tokensPerRequest, commitments, spotRisk, cascade, tco, value,
                rankStability);
    }

    /** The same request with other constraints (a cascade sizes each of its two models alone). */
    RecommendationRequest withConstraintsAndQuality(Constraints constraints, Quality quality) {
        return new RecommendationRequest(task, quality, latency, batch, traffic, budget, constraints, evidence,
                allowInterpolation, ranking, asOf, limit, tokensPerRequest, commitments, spotRisk, cascade, tco, value,
                rankStability);
    }

    public boolean batchWork() {
        return batch != null;
    }

    public boolean withPublished() {
        return WITH_PUBLISHED.equals(evidence);
    }

    /** The same request with traffic (or the daily volume) scaled, for the sensitivity cases. */
    RecommendationRequest withTrafficTimes(double factor) {
        Traffic scaled = traffic == null ? null
                : new Traffic(traffic.avgQps() * factor, traffic.peakQps() * factor, traffic.profile());
        Batch scaledBatch = batch == null ? null : new Batch(batch.itemsPerDay() * factor, batch.deadlineHours());
        return new RecommendationRequest(task, quality, latency, scaledBatch, scaled, budget, constraints, evidence,
                allowInterpolation, ranking, asOf, limit, tokensPerRequest, commitments, spotRisk, cascade, tco, value,
                rankStability);
    }

    /** The quality floor: {@code min} is the threshold in the metric's better direction. */
    public record Quality(String metric, String dataset, Double min) {
    }

    /** The online SLO: the latency at {@code percentile} (p50, p90, p95, p99) stays within {@code maxMs}. */
    public record Latency(String percentile, Double maxMs) {
    }

    /** Batch work: {@code itemsPerDay} processed within {@code deadlineHours} of each day. */
    public record Batch(Double itemsPerDay, Double deadlineHours) {
    }

    public record Traffic(Double avgQps, Double peakQps, String profile) {

        public static final String STEADY = "steady";
        public static final String AUTOSCALED = "autoscaled";

        Traffic withDefaults() {
            double avg = avgQps == null ? (peakQps == null ? 0 : peakQps) : avgQps;
            double peak = peakQps == null ? avg : peakQps;
            return new Traffic(avg, peak, profile == null ? STEADY : profile);
        }

        public boolean autoscaled() {
            return AUTOSCALED.equals(profile);
        }
    }

    public record Budget(Money monthlyUsd) {
    }

    /** Tokens one request sends and receives: what token-priced hosted APIs charge by ({@link HostedPlans}). */
    public record TokensPerRequest(Double input, Double output) {
    }

    public record Constraints(List<String> providers, List<String> regions, List<String> purchaseOptions,
                              List<String> accelerators, List<String> instanceTypes, List<String> tiers,
                              List<Long> modelVersionIds, List<String> statuses, Integer minReplicas,
                              Double targetUtilization, String spot, Double onDemandFloorPercent) {

        public static final String SPOT_NONE = "none";
        public static final String SPOT_MIXED = "mixed";
        public static final String SPOT_ONLY = "only";
        public static final double DEFAULT_UTILIZATION = 0.7;
        public static final double DEFAULT_ON_DEMAND_FLOOR_PERCENT = 50;

        static final Constraints DEFAULT = new Constraints(null, null, null, null, null, null, null, null, null, null,
                null, null).withDefaults();

        Constraints withDefaults() {
            return new Constraints(orEmpty(providers), orEmpty(regions), orEmpty(purchaseOptions),
                    orEmpty(accelerators), orEmpty(instanceTypes), orEmpty(tiers), orEmpty(modelVersionIds),
                    statuses == null || statuses.isEmpty() ? List.of("APPROVED") : statuses,
                    minReplicas == null ? 1 : minReplicas,
                    targetUtilization == null ? DEFAULT_UTILIZATION : targetUtilization,
                    spot == null ? SPOT_NONE : spot,
                    onDemandFloorPercent == null ? DEFAULT_ON_DEMAND_FLOOR_PERCENT : onDemandFloorPercent);
        }

        private static <T> List<T> orEmpty(List<T> list) {
            return list == null ? List.of() : list;
        }
    }

    public record Ranking(String mode, Weights weights) {

        public static final String LOWEST_COST = "LOWEST_COST";
        public static final String WEIGHTED = "WEIGHTED";
        public static final String LOWEST_TCO = "LOWEST_TCO";
        public static final String NET_VALUE = "NET_VALUE";

        public boolean weighted() {
            return WEIGHTED.equals(mode);
        }
    }

    /**
     * Turns on the break-even of commitments against on-demand and spot for every plan. With an autoscaled
     * profile, the base (replicas at average load) is reserved and the burst (up to the peak replicas) runs on
     * demand for {@code peakHoursPerDay} a day (default 4, stated in each plan's answer).
     */
    public record Commitments(Double peakHoursPerDay) {

        public static final double DEFAULT_PEAK_HOURS_PER_DAY = 4;

        Commitments withDefaults() {
            return new Commitments(peakHoursPerDay == null ? DEFAULT_PEAK_HOURS_PER_DAY : peakHoursPerDay);
        }
    }

    /**
     * Prices the risk of spot capacity: {@code interruptionRatePerHour} (interruptions per instance-hour) for
     * every provider, else the deployment's per-provider default ({@code defaultRatePerHourByProvider}, filled
     * from config when the request is answered, so a saved report replays with the same rates);
     * {@code restartOverheadHours} the hours a replacement takes to serve again (default from config).
     * {@code acceptInterruptions} lets a latency SLO run on spot alone with fewer than 2 replicas.
     */
    public record SpotRisk(Double interruptionRatePerHour, Double restartOverheadHours, Boolean acceptInterruptions,
                           Map<String, Double> defaultRatePerHourByProvider) {

        public boolean acceptsInterruptions() {
            return Boolean.TRUE.equals(acceptInterruptions);
        }

        /** The request with the deployment's defaults where it says nothing. */
        public SpotRisk withDefaults(Map<String, Double> providerDefaults, double defaultRestartOverheadHours) {
            Map<String, Double> merged = new java.util.TreeMap<>(providerDefaults);
            if (defaultRatePerHourByProvider != null) {
                merged.putAll(defaultRatePerHourByProvider);
            }
            return new SpotRisk(interruptionRatePerHour,
                    restartOverheadHours == null ? defaultRestartOverheadHours : restartOverheadHours,
                    acceptInterruptions, merged);
        }
    }

    /**
     * A two-model cascade: the cheap version answers every request, a fraction is escalated to the strong one
     * (absent: the recommender pairs the cheapest feasible-latency version with the best-quality one). The
     * fraction is given, or measured on a calibration set of the cheap model's (confidence, correct) pairs
     * as the share below {@code confidenceThreshold}.
     */
    public record Cascade(Long cheapModelVersionId, Long strongModelVersionId, Double escalationFraction,
                          Double confidenceThreshold, List<CalibrationPair> calibration) {
    }

    public record CalibrationPair(Double confidence, Boolean correct) {
    }

    /**
     * The total cost of ownership over {@code horizonMonths} (default 36): what a plan costs beyond its hardware.
     * {@code hostedEngineeringHoursPerMonth}: the (usually fewer) hours a hosted API needs (build vs buy).
     */
    public record Tco(Integer horizonMonths, Double engineeringHoursPerMonth, BigDecimal hourlyRateUsd,
                      Double storageGib, BigDecimal storageUsdPerGibMonth, Double retrainingRunsPerYear,
                      BigDecimal retrainingCostUsd, BigDecimal labelingUsdPerYear, BigDecimal oneTimeSetupUsd,
                      Double hostedEngineeringHoursPerMonth) {

        public static final int DEFAULT_HORIZON_MONTHS = 36;

        Tco withDefaults() {
            return new Tco(horizonMonths == null ? DEFAULT_HORIZON_MONTHS : horizonMonths, engineeringHoursPerMonth,
                    hourlyRateUsd, storageGib, storageUsdPerGibMonth, retrainingRunsPerYear, retrainingCostUsd,
                    labelingUsdPerYear, oneTimeSetupUsd, hostedEngineeringHoursPerMonth);
        }
    }

    /** What a quality point is worth a month over a baseline quality: a plan's business value. */
    public record Value(BigDecimal usdPerQualityPointPerMonth, Double baselineQuality) {
    }

    public record Weights(Double quality, Double cost, Double latency) {
    }
}
