package dev.inferplan.recommender.recommendations;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.inferplan.contracts.accelerators.AcceleratorId;
import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.contracts.benchmarks.LatencyPercentile;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.recommender.plans.RecommendationRequest;
import dev.inferplan.recommender.plans.RecommendationRequest.Constraints;
import dev.inferplan.recommender.snapshots.Snapshot;

/**
 * What makes a request answerable, each fault named by its JSON path: values in range, closed
 * vocabularies, and names the snapshot knows (task, metric, providers, regions) or the accelerator
 * vocabulary holds.
 */
final class RequestRules {

    static final int MAX_LIMIT = 1000;
    private static final Set<String> PERCENTILES = Set.of("p50", "p90", "p95", "p99");
    private static final Set<String> STATUSES = Set.of("PROPOSED", "IN_REVIEW", "APPROVED", "REJECTED", "DEPRECATED");
    private static final Set<String> TIERS = Set.of("TIER_1", "TIER_2", "TIER_3");
    private static final AcceleratorVocabulary ACCELERATORS = AcceleratorVocabulary.standard();

    private final List<FieldError> errors = new ArrayList<>();

    private RequestRules() {
    }

    /** Faults that need no snapshot (checked before one is loaded, so a bad request never waits for one). */
    static List<FieldError> shape(RecommendationRequest r) {
        RequestRules rules = new RequestRules();
        rules.checkShape(r);
        return rules.errors;
    }

    /** Names the snapshot does not know. */
    static List<FieldError> names(RecommendationRequest r, Snapshot snapshot) {
        RequestRules rules = new RequestRules();
        rules.checkNames(r, snapshot);
        return rules.errors;
    }

    private void checkShape(RecommendationRequest r) {
        if (r.task() == null || r.task().isBlank()) {
            fail("task", "is required");
        }
        if (r.quality() != null) {
            if (r.quality().metric() == null || r.quality().metric().isBlank()) {
                fail("quality.metric", "is required with quality");
            }
            if (r.quality().min() != null && !Double.isFinite(r.quality().min())) {
                fail("quality.min", "must be a finite number");
            }
        }
        if ((r.latency() == null) == (r.batch() == null)) {
            fail(r.latency() == null ? "latency" : "batch", "exactly one of latency (an online SLO) and batch is required");
        }
        if (r.latency() != null) {
            if (r.latency().percentile() == null || !PERCENTILES.contains(r.latency().percentile())) {
                fail("latency.percentile", "must be one of p50, p90, p95, p99");
            }
            positive("latency.maxMs", r.latency().maxMs());
            if (r.traffic() == null) {
                fail("traffic", "is required with a latency SLO");
            }
        }
        if (r.batch() != null) {
            positive("batch.itemsPerDay", r.batch().itemsPerDay());
            Double deadline = r.batch().deadlineHours();
            if (deadline == null || !(deadline > 0 && deadline <= 24)) {
                fail("batch.deadlineHours", "must be more than 0 and at most 24");
            }
        }
        if (r.traffic() != null) {
            RecommendationRequest.Traffic t = r.traffic();
            if (t.avgQps() != null && !(t.avgQps() >= 0 && Double.isFinite(t.avgQps()))) {
                fail("traffic.avgQps", "must be 0 or more");
            }
            if (t.peakQps() != null && !(t.peakQps() > 0 && Double.isFinite(t.peakQps()))) {
                fail("traffic.peakQps", "must be more than 0");
            }
            if (t.avgQps() == null && t.peakQps() == null && r.latency() != null) {
                fail("traffic.peakQps", "is required (or avgQps)");
            }
            if (t.avgQps() != null && t.peakQps() != null && t.avgQps() >= 0 && t.peakQps() > 0 && t.avgQps() > t.peakQps()) {
                fail("traffic.avgQps", "must not exceed peakQps");
            }
            if (t.profile() != null && !Set.of("steady", "autoscaled").contains(t.profile())) {
                fail("traffic.profile", "must be steady or autoscaled");
            }
        }
        if (r.tokensPerRequest() != null) {
            nonNegative("tokensPerRequest.input", r.tokensPerRequest().input());
            nonNegative("tokensPerRequest.output", r.tokensPerRequest().output());
        }
        if (r.budget() != null && (r.budget().monthlyUsd() == null || r.budget().monthlyUsd().isNegative())) {
            fail("budget.monthlyUsd", "must be a decimal string of 0 or more");
        }
        if (r.constraints() != null) {
            checkConstraints(r.constraints());
        }
        if (r.evidence() != null && !Set.of(RecommendationRequest.MEASURED_ONLY, RecommendationRequest.WITH_PUBLISHED)
                .contains(r.evidence())) {
            fail("evidence", "must be MEASURED_ONLY or WITH_PUBLISHED");
        }
        if (r.ranking() != null) {
            checkRanking(r.ranking());
        }
        if (r.asOf() != null) {
            try {
                Instant.parse(r.asOf());
            } catch (DateTimeParseException e) {
                fail("asOf", "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
            }
        }
        if (r.limit() != null && (r.limit() < 1 || r.limit() > MAX_LIMIT)) {
            fail("limit", "must be from 1 to " + MAX_LIMIT);
        }
        checkEconomics(r);
    }

    /** The economics blocks (issue 15): commitments, spot risk, cascade, TCO, value. */
    private void checkEconomics(RecommendationRequest r) {
        if (r.commitments() != null && r.commitments().peakHoursPerDay() != null) {
            Double h = r.commitments().peakHoursPerDay();
            if (!(h >= 0 && h <= 24)) {
                fail("commitments.peakHoursPerDay", "must be from 0 to 24");
            }
        }
        RecommendationRequest.SpotRisk risk = r.spotRisk();
        if (risk != null) {
            notNegative("spotRisk.interruptionRatePerHour", risk.interruptionRatePerHour());
            notNegative("spotRisk.restartOverheadHours", risk.restartOverheadHours());
            if (risk.defaultRatePerHourByProvider() != null) {
                risk.defaultRatePerHourByProvider().forEach((provider, rate) ->
                        notNegative("spotRisk.defaultRatePerHourByProvider." + provider, rate == null ? -1.0 : rate));
            }
        }
        Constraints c = r.constraints();
        boolean accepts = risk != null && risk.acceptsInterruptions();
        if (r.latency() != null && c != null && Constraints.SPOT_ONLY.equals(c.spot()) && !accepts
                && (c.minReplicas() == null || c.minReplicas() < 2)) {
            fail("constraints.spot", "spot only under a latency SLO needs minReplicas of 2 or more (one interruption"
                    + " must not take the service down), or spotRisk.acceptInterruptions: true");
        }
        if (r.cascade() != null) {
            checkCascade(r);
        }
        RecommendationRequest.Tco tco = r.tco();
        if (tco != null) {
            if (tco.horizonMonths() != null && (tco.horizonMonths() < 1 || tco.horizonMonths() > 240)) {
                fail("tco.horizonMonths", "must be from 1 to 240");
            }
            notNegative("tco.engineeringHoursPerMonth", tco.engineeringHoursPerMonth());
            notNegative("tco.hourlyRateUsd", tco.hourlyRateUsd());
            notNegative("tco.storageGib", tco.storageGib());
            notNegative("tco.storageUsdPerGibMonth", tco.storageUsdPerGibMonth());
            notNegative("tco.retrainingRunsPerYear", tco.retrainingRunsPerYear());
            notNegative("tco.retrainingCostUsd", tco.retrainingCostUsd());
            notNegative("tco.labelingUsdPerYear", tco.labelingUsdPerYear());
            notNegative("tco.oneTimeSetupUsd", tco.oneTimeSetupUsd());
            notNegative("tco.hostedEngineeringHoursPerMonth", tco.hostedEngineeringHoursPerMonth());
        }
        RecommendationRequest.Value value = r.value();
        if (value != null) {
            if (value.usdPerQualityPointPerMonth() == null) {
                fail("value.usdPerQualityPointPerMonth", "is required with value");
            } else {
                notNegative("value.usdPerQualityPointPerMonth", value.usdPerQualityPointPerMonth());
            }
            if (value.baselineQuality() == null || !Double.isFinite(value.baselineQuality())) {
                fail("value.baselineQuality", "is required with value (a finite number)");
            }
            if (r.quality() == null || r.quality().metric() == null) {
                fail("quality.metric", "is required with value (a plan's value is its quality over the baseline)");
            }
        }
        String mode = r.ranking() == null ? null : r.ranking().mode();
        if (RecommendationRequest.Ranking.LOWEST_TCO.equals(mode) && tco == null) {
            fail("tco", "is required for ranking.mode LOWEST_TCO");
        }
        if (RecommendationRequest.Ranking.NET_VALUE.equals(mode) && value == null) {
            fail("value", "is required for ranking.mode NET_VALUE");
        }
    }

    private void checkCascade(RecommendationRequest r) {
        RecommendationRequest.Cascade cascade = r.cascade();
        if (r.latency() == null) {
            fail("cascade", "needs a latency SLO (a cascade's cost is its composed tail latency's price)");
        }
        for (var id : new Object[][]{{"cascade.cheapModelVersionId", cascade.cheapModelVersionId()},
                {"cascade.strongModelVersionId", cascade.strongModelVersionId()}}) {
            if (id[1] != null && (Long) id[1] < 1) {
                fail((String) id[0], "must be a positive id");
            }
        }
        if (cascade.cheapModelVersionId() != null && cascade.cheapModelVersionId().equals(cascade.strongModelVersionId())) {
            fail("cascade.strongModelVersionId", "must differ from cheapModelVersionId");
        }
        Double e = cascade.escalationFraction();
        if (e != null) {
            if (!(e >= 0 && e <= 1)) {
                fail("cascade.escalationFraction", "must be from 0 to 1");
            }
            if (cascade.calibration() != null) {
                fail("cascade.calibration", "give either escalationFraction or a calibration set, not both");
            }
            return;
        }
        if (cascade.calibration() == null) {
            fail("cascade.escalationFraction", "is required (or a calibration set of (confidence, correct) pairs)");
            return;
        }
        if (cascade.calibration().size() < dev.inferplan.recommender.plans.Cascades.MIN_CALIBRATION_PAIRS) {
            fail("cascade.calibration", "needs at least " + dev.inferplan.recommender.plans.Cascades.MIN_CALIBRATION_PAIRS
                    + " (confidence, correct) pairs, has " + cascade.calibration().size());
        }
        for (int i = 0; i < cascade.calibration().size(); i++) {
            RecommendationRequest.CalibrationPair pair = cascade.calibration().get(i);
            if (pair == null || pair.confidence() == null || !(pair.confidence() >= 0 && pair.confidence() <= 1)) {
                fail("cascade.calibration[" + i + "].confidence", "must be from 0 to 1");
            }
            if (pair != null && pair.correct() == null) {
                fail("cascade.calibration[" + i + "].correct", "is required (true or false)");
            }
        }
        Double t = cascade.confidenceThreshold();
        if (t == null || !(t >= 0 && t <= 1)) {
            fail("cascade.confidenceThreshold", "must be from 0 to 1 with a calibration set (answers below it escalate)");
        }
    }

    private void notNegative(String field, Double value) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            fail(field, "must be 0 or more");
        }
    }

    private void notNegative(String field, java.math.BigDecimal value) {
        if (value != null && value.signum() < 0) {
            fail(field, "must be 0 or more");
        }
    }

    private void checkConstraints(Constraints c) {
        each("constraints.purchaseOptions", c.purchaseOptions(), o -> PurchaseOption.parse(o)
                .filter(p -> p.name().equals(o)).isPresent(), "is not a purchase option (ON_DEMAND, SPOT, RESERVED_1Y, ...)");
        each("constraints.accelerators", c.accelerators(), RequestRules::knownAccelerator,
                "is not an accelerator of the vocabulary (e.g. nvidia-l4, cpu, hosted)");
        each("constraints.statuses", c.statuses(), STATUSES::contains, "is not a version status");
        each("constraints.tiers", c.tiers(), TIERS::contains, "must be TIER_1, TIER_2 or TIER_3");
        each("constraints.providers", c.providers(), p -> p != null && !p.isBlank(), "must not be blank");
        each("constraints.regions", c.regions(), p -> p != null && !p.isBlank(), "must not be blank");
        each("constraints.instanceTypes", c.instanceTypes(), p -> p != null && !p.isBlank(), "must not be blank");
        if (c.modelVersionIds() != null && c.modelVersionIds().stream().anyMatch(id -> id == null || id < 1)) {
            fail("constraints.modelVersionIds", "must be positive ids");
        }
        if (c.minReplicas() != null && (c.minReplicas() < 1 || c.minReplicas() > 10_000)) {
            fail("constraints.minReplicas", "must be from 1 to 10000");
        }
        if (c.targetUtilization() != null && !(c.targetUtilization() > 0 && c.targetUtilization() <= 1)) {
            fail("constraints.targetUtilization", "must be in (0, 1]");
        }
        if (c.spot() != null && !Set.of(Constraints.SPOT_NONE, Constraints.SPOT_MIXED, Constraints.SPOT_ONLY)
                .contains(c.spot())) {
            fail("constraints.spot", "must be none, mixed or only");
        }
        if (c.onDemandFloorPercent() != null && !(c.onDemandFloorPercent() >= 0 && c.onDemandFloorPercent() <= 100)) {
            fail("constraints.onDemandFloorPercent", "must be from 0 to 100");
        }
    }

    private void checkRanking(RecommendationRequest.Ranking ranking) {
        if (ranking.mode() != null && !Set.of(RecommendationRequest.Ranking.LOWEST_COST,
                RecommendationRequest.Ranking.WEIGHTED, RecommendationRequest.Ranking.LOWEST_TCO,
                RecommendationRequest.Ranking.NET_VALUE).contains(ranking.mode())) {
            fail("ranking.mode", "must be LOWEST_COST, WEIGHTED, LOWEST_TCO or NET_VALUE");
        }
        if (ranking.weighted()) {
            RecommendationRequest.Weights w = ranking.weights();
            if (w == null) {
                fail("ranking.weights", "are required for WEIGHTED");
                return;
            }
            double sum = 0;
            for (var weight : List.of(new Object[]{"quality", w.quality()}, new Object[]{"cost", w.cost()},
                    new Object[]{"latency", w.latency()})) {
                Double value = (Double) weight[1];
                if (value != null && !(value >= 0 && Double.isFinite(value))) {
                    fail("ranking.weights." + weight[0], "must be 0 or more");
                } else if (value != null) {
                    sum += value;
                }
            }
            if (!(sum > 0)) {
                fail("ranking.weights", "must sum to a positive number");
            }
        }
    }

    private void checkNames(RecommendationRequest r, Snapshot snapshot) {
        if (r.task() != null && !snapshot.knowsTask(r.task())) {
            fail("task", "is not a task of the catalog");
        }
        if (r.task() != null) {
            checkTokensNeeded(r, snapshot);
        }
        if (r.quality() != null && r.quality().metric() != null && !snapshot.knowsMetric(r.quality().metric())) {
            fail("quality.metric", "is not a metric any model version of the catalog reports");
        }
        if (r.cascade() != null && r.task() != null) {
            var ids = snapshot.versionsOf(r.task()).stream().map(v -> v.id()).collect(java.util.stream.Collectors.toSet());
            if (r.cascade().cheapModelVersionId() != null && !ids.contains(r.cascade().cheapModelVersionId())) {
                fail("cascade.cheapModelVersionId", "is not a model version of task " + r.task());
            }
            if (r.cascade().strongModelVersionId() != null && !ids.contains(r.cascade().strongModelVersionId())) {
                fail("cascade.strongModelVersionId", "is not a model version of task " + r.task());
            }
        }
        if (r.constraints() != null) {
            each("constraints.providers", r.constraints().providers(), snapshot::knowsProvider,
                    "is not a provider of the price book");
            each("constraints.regions", r.constraints().regions(), snapshot::knowsRegion,
                    "is not a region of the price book");
        }
    }

    private static boolean knownAccelerator(String id) {
        if (id == null || id.isBlank()) {
            return false;
        }
        if (AcceleratorId.CPU.id().equals(id) || dev.inferplan.recommender.plans.HostedPlans.HOSTED.equals(id)) {
            return true;   // hosted: a provider's endpoint (hosted model APIs)
        }
        try {
            return ACCELERATORS.byId(new AcceleratorId(id)).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private <T> void each(String field, List<T> values, java.util.function.Predicate<T> valid, String reason) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || !valid.test(values.get(i))) {
                fail(field + "[" + i + "]", reason);
            }
        }
    }

    /**
     * A request that asks for hosted candidates (accelerator {@code hosted}, or a hosted version by id) and leaves
     * out the tokens they are priced by is refused naming the field. Otherwise a hosted candidate that cannot be
     * priced is rejected in the answer with that reason, so that adding a hosted API to the catalog does not
     * break the requests of teams that never asked for one.
     */
    private void checkTokensNeeded(RecommendationRequest r, Snapshot snapshot) {
        RecommendationRequest.Constraints constraints = r.constraints();
        boolean hostedAskedFor = constraints != null && ((constraints.accelerators() != null
                && constraints.accelerators().contains("hosted")) || (constraints.modelVersionIds() != null
                && snapshot.versionsOf(r.task()).stream().anyMatch(v -> v.hosted()
                        && constraints.modelVersionIds().contains(v.id()))));
        if (!hostedAskedFor) {
            return;
        }
        RecommendationRequest.TokensPerRequest tokens = r.tokensPerRequest();
        for (String side : List.of("input", "output")) {
            String unit = "input".equals(side) ? "1K_INPUT_TOKENS" : "1K_OUTPUT_TOKENS";
            Double given = tokens == null ? null : "input".equals(side) ? tokens.input() : tokens.output();
            if (given != null) {
                continue;
            }
            snapshot.versionsOf(r.task()).stream().filter(dev.inferplan.recommender.snapshots.ModelVersion::hosted)
                    .filter(v -> snapshot.unitOffersFor(v.servedModel()).stream().anyMatch(o -> unit.equals(o.unit())))
                    .findFirst()
                    .ifPresent(v -> fail("tokensPerRequest." + side, "is required: hosted " + v.servedModel() + " ("
                            + v.label() + ") is priced per " + unit));
        }
    }

    private void nonNegative(String field, Double value) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            fail(field, "must be 0 or more");
        }
    }

    private void positive(String field, Double value) {
        if (value == null || !(value > 0 && Double.isFinite(value))) {
            fail(field, "must be more than 0");
        }
    }

    private void fail(String field, String reason) {
        errors.add(FieldError.field(field, reason));
    }
}
