package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.contracts.benchmarks.LatencyPercentile;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.plans.Capacity.AtSlo;
import dev.inferplan.recommender.plans.HardwareEquivalence.Hardware;
import dev.inferplan.recommender.plans.Plan.EvidenceRef;
import dev.inferplan.recommender.plans.Plan.RunConfig;
import dev.inferplan.recommender.plans.RecommendationRequest.Constraints;
import dev.inferplan.recommender.plans.Rejection.Candidate;
import dev.inferplan.recommender.snapshots.Evidence;
import dev.inferplan.recommender.snapshots.ModelVersion;
import dev.inferplan.recommender.snapshots.PriceOffer;
import dev.inferplan.recommender.snapshots.QualityMetric;
import dev.inferplan.recommender.snapshots.Snapshot;

/**
 * Builds every candidate (model version × pool's hardware × equivalent offer × the run configuration
 * that gives the most throughput within the SLO), sizes and prices it, and judges it against the
 * constraints in a fixed order; a rejected candidate records the <em>first</em> constraint it failed:
 * status, tier and version allow-lists, quality, evidence, accelerator allow-list, latency SLO,
 * hardware equivalence (pricing), provider/region/instance-type/purchase-option allow-lists, spot mode,
 * budget.
 */
public final class Planner {

    private static final String SPOT = "SPOT";
    private static final String ON_DEMAND = "ON_DEMAND";
    static final String MIXED = "MIXED";

    private final RecommendationRequest request;
    private final Snapshot snapshot;
    private final BigDecimal priceFactor;
    private final boolean unitPrices;
    private final Constraints constraints;
    /** The request's monthly budget; null: none. */
    private final Money budgetLimit;
    private final LatencyPercentile percentile;
    private final Rejections rejections;
    private final List<Plan> feasible = new ArrayList<>();
    private final List<Priced> priced = new ArrayList<>();
    /** Sizing depends on the capacity and the request only, not on the offer: computed once per capacity. */
    private final Map<AtSlo, Sized> sized = new java.util.IdentityHashMap<>();

    private Planner(RecommendationRequest request, Snapshot snapshot, BigDecimal priceFactor, boolean groupRejections) {
        this.rejections = new Rejections(groupRejections);
        this.request = request;
        this.snapshot = snapshot;
        this.priceFactor = priceFactor;
        this.unitPrices = priceFactor.compareTo(BigDecimal.ONE) == 0;
        this.constraints = request.constraints();
        this.budgetLimit = request.budget() == null ? null : request.budget().monthlyUsd();
        this.percentile = request.latency() == null ? LatencyPercentile.P95
                : LatencyPercentile.parse(request.latency().percentile()).orElse(LatencyPercentile.P95);
    }

    /** Judges every candidate of a validated request (defaults applied) at the snapshot's prices × {@code priceFactor}. */
    public static Evaluation evaluate(RecommendationRequest request, Snapshot snapshot, BigDecimal priceFactor) {
        return evaluate(request, snapshot, priceFactor, true);
    }

    /** {@code groupRejections} false only counts them (the sensitivity cases need the feasible plans alone). */
    static Evaluation evaluate(RecommendationRequest request, Snapshot snapshot, BigDecimal priceFactor,
                               boolean groupRejections) {
        Planner planner = new Planner(request, snapshot, priceFactor, groupRejections);
        for (ModelVersion version : snapshot.versionsOf(request.task())) {
            planner.judge(version);
        }
        return new Evaluation(List.copyOf(planner.feasible), planner.rejections.grouped(), planner.rejections.total(),
                planner.feasible.size() + planner.rejections.total(), List.copyOf(planner.priced));
    }

    /**
     * The feasible plans of candidates that passed every constraint but the budget, sized and priced again
     * for another request's traffic and at other prices: what else a candidate must meet depends on neither
     * (quality, evidence, the latency SLO, equivalence, allow-lists), so the sensitivity cases need not
     * judge every candidate again.
     */
    static List<Plan> repriced(RecommendationRequest request, Snapshot snapshot, List<Priced> priced,
                               BigDecimal priceFactor) {
        Planner planner = new Planner(request, snapshot, priceFactor, false);
        for (Priced p : priced) {
            if (p.spotOffer() == null) {
                planner.admitWithinBudget(p.candidate(), p.version(), p.quality(), p.hardware(), p.capacity(), p.offer(),
                        planner.hourly(p.offer()));
                continue;
            }
            Plan plan = planner.plan(p.version(), p.quality(), p.hardware(), p.capacity(), p.offer(),
                    planner.hourly(p.offer()), p.spotOffer());
            if (plan.mix().spotReplicas() > 0) {
                planner.admitWithinBudget(p.candidate(), plan);
            }
        }
        // hosted APIs are cheap to judge again: their volume is the traffic itself
        snapshot.versionsOf(request.task()).stream().filter(ModelVersion::hosted).forEach(planner::judge);
        return List.copyOf(planner.feasible);
    }

    /**
     * The first {@code n} plans of {@link #repriced} in LOWEST_COST order (monthly cost ↑, quality ↓, latency ↑,
     * identity), building the plans of those {@code n} only: what a sensitivity case shows when the ranking is by
     * monthly cost, which no economics block changes.
     */
    static List<Plan> cheapest(RecommendationRequest request, Snapshot snapshot, List<Priced> priced,
                               BigDecimal priceFactor, boolean higherIsBetter, int n) {
        Planner planner = new Planner(request, snapshot, priceFactor, false);
        Money limit = planner.budgetLimit;
        List<Cheap> best = new ArrayList<>(n + 1);
        for (Priced p : priced) {
            Cheap cheap;
            if (p.spotOffer() == null) {
                BigDecimal monthly = planner.sized(p.version(), p.hardware(), p.capacity())
                        .monthlyUsd(planner.hourlyUsd(p.offer()));
                if (limit != null && monthly.compareTo(limit.usd()) > 0) {
                    continue;
                }
                cheap = new Cheap(monthly, Plan.qualityAxis(p.quality() == null ? null : p.quality().value(),
                        higherIsBetter), p.capacity().latencyMs(), () -> planner.plan(p.version(), p.quality(), p.hardware(),
                        p.capacity(), p.offer(), planner.hourly(p.offer()), null));
            } else {
                Plan plan = planner.plan(p.version(), p.quality(), p.hardware(), p.capacity(), p.offer(),
                        planner.hourly(p.offer()), p.spotOffer());
                if (plan.mix().spotReplicas() == 0 || limit != null && plan.monthlyCostUsd().compareTo(limit) > 0) {
                    continue;
                }
                cheap = Cheap.of(plan, higherIsBetter);
            }
            keep(best, cheap, n);
        }
        snapshot.versionsOf(request.task()).stream().filter(ModelVersion::hosted).forEach(planner::judge);
        for (Plan plan : planner.feasible) {
            keep(best, Cheap.of(plan, higherIsBetter), n);
        }
        return best.stream().map(Cheap::plan).toList();
    }

    /** Inserts in order and drops what falls beyond the first {@code n}. */
    private static void keep(List<Cheap> best, Cheap cheap, int n) {
        if (best.size() == n && cheap.compareTo(best.get(n - 1)) >= 0) {
            return;
        }
        int at = best.size();
        while (at > 0 && cheap.compareTo(best.get(at - 1)) < 0) {
            at--;
        }
        best.add(at, cheap);
        if (best.size() > n) {
            best.removeLast();
        }
    }

    /** A candidate in LOWEST_COST order ({@link Ranking.CostOrder}), its plan built when it is shown or tied. */
    private static final class Cheap extends Ranking.CostOrder implements Comparable<Cheap> {

        private final java.util.function.Supplier<Plan> build;
        private Plan plan;

        Cheap(BigDecimal cost, double quality, double latency, java.util.function.Supplier<Plan> build) {
            super(cost, quality, latency);
            this.build = build;
        }

        static Cheap of(Plan plan, boolean higherIsBetter) {
            return new Cheap(plan.monthlyCostUsd().usd(), plan.qualityAxis(higherIsBetter), plan.latencyMs(),
                    () -> plan);
        }

        @Override
        Plan plan() {
            if (plan == null) {
                plan = build.get();
            }
            return plan;
        }

        @Override
        public int compareTo(Cheap other) {
            return compareByCost(other);
        }
    }

    /** A candidate that passed every constraint before the budget. */
    record Priced(Candidate candidate, ModelVersion version, Quality quality, Hardware hardware, AtSlo capacity,
                  PriceOffer offer, PriceOffer spotOffer) {
    }

    /** The percentile a plan's {@code latencyMs} is stated at. */
    LatencyPercentile percentile() {
        return percentile;
    }

    private void judge(ModelVersion version) {
        Candidate candidate = Candidate.version(version.id(), version.label());
        if (!constraints.statuses().contains(version.status())) {
            allowList(candidate, "statuses", version.status(), constraints.statuses());
            return;
        }
        if (!constraints.tiers().isEmpty() && !constraints.tiers().contains(version.tier())) {
            allowList(candidate, "tiers", version.tier() == null ? "none" : version.tier(), constraints.tiers());
            return;
        }
        if (!constraints.modelVersionIds().isEmpty() && !constraints.modelVersionIds().contains(version.id())) {
            allowList(candidate, "modelVersionIds", String.valueOf(version.id()), constraints.modelVersionIds());
            return;
        }
        Optional<Quality> quality = quality(version, candidate);
        if (quality == null) {
            return;
        }
        if (version.hosted()) {
            judgeHosted(version, quality.orElse(null));
            return;
        }
        List<Evidence> evidence = snapshot.evidenceOf(version.id());
        if (evidence.isEmpty()) {
            reject("evidence|none", candidate, "evidence", "none", "a benchmark result",
                    "no benchmark evidence", Double.NaN);
            return;
        }
        Map<String, List<Evidence>> byPool = new LinkedHashMap<>();
        evidence.forEach(e -> byPool.computeIfAbsent(e.pool(), p -> new ArrayList<>()).add(e));
        byPool.forEach((pool, points) -> judge(version, quality.orElse(null), pool, points));
    }

    /** Empty when no quality is asked for; null when the version failed it (rejected). */
    private Optional<Quality> quality(ModelVersion version, Candidate candidate) {
        RecommendationRequest.Quality asked = request.quality();
        if (asked == null || asked.metric() == null) {
            return Optional.empty();
        }
        Optional<QualityMetric> metric = version.metric(asked.metric(), asked.dataset());
        String named = asked.metric() + (asked.dataset() == null ? "" : " on " + asked.dataset());
        if (metric.isEmpty()) {
            reject("quality|missing|" + named, candidate, "quality", "none", named,
                    "no " + named + " metric", Double.NaN);
            return null;
        }
        QualityMetric found = metric.get();
        if (asked.min() != null) {
            BigDecimal min = BigDecimal.valueOf(asked.min());
            int side = found.value().compareTo(min);
            if (found.higherIsBetter() ? side < 0 : side > 0) {
                double gap = found.value().subtract(min).abs()
                        .divide(min.abs().max(BigDecimal.ONE.movePointLeft(6)), MathContext.DECIMAL64).doubleValue();
                reject("quality|below|" + asked.metric(), candidate, "quality", found.value().toPlainString(),
                        min.toPlainString(), asked.metric() + " " + found.value().toPlainString()
                                + (found.higherIsBetter() ? " < " : " > ") + min.toPlainString(), gap);
                return null;
            }
        }
        return Optional.of(new Quality(found.value(), found.higherIsBetter()));
    }

    record Quality(BigDecimal value, boolean higherIsBetter) {
    }

    private void judge(ModelVersion version, Quality quality, String pool, List<Evidence> points) {
        Evidence first = points.getFirst();
        Hardware hardware = new Hardware(pool, first.accelerator(), first.acceleratorCount(), first.instanceTypes());
        Candidate candidate = new Candidate(version.id(), version.label(), pool, hardware.accelerator(),
                hardware.acceleratorCount(), null, null, null, null);
        List<Evidence> usable = points.stream().filter(e -> request.withPublished() || !e.published()).toList();
        if (usable.isEmpty()) {
            reject("evidence|published-only|" + hardware.accelerator(), candidate, "evidence", "PUBLISHED only",
                    "MEASURED", "no measured evidence for " + hardware.accelerator(), Double.NaN);
            return;
        }
        if (usable.stream().noneMatch(Evidence::valid)) {
            reject("evidence|invalid|" + pool, candidate, "evidence", "invalid results only", "a valid result",
                    "no valid result on pool " + pool + " (UNSTABLE/INVALID points never count)", Double.NaN);
            return;
        }
        if (!constraints.accelerators().isEmpty() && !constraints.accelerators().contains(hardware.accelerator())) {
            allowList(candidate, "accelerators", hardware.accelerator(), constraints.accelerators());
            return;
        }
        AtSlo capacity = capacity(usable, hardware, candidate);
        if (capacity == null) {
            return;
        }
        HardwareEquivalence.Result priced = HardwareEquivalence.offersFor(hardware, snapshot);
        if (priced instanceof HardwareEquivalence.Unpriceable unpriceable) {
            reject("hardware-equivalence|" + unpriceable.reason(), candidate, "hardware-equivalence",
                    hardware.describe(), "an equivalent offer", unpriceable.reason(), Double.NaN);
            return;
        }
        List<PriceOffer> offers = ((HardwareEquivalence.Priced) priced).offers();
        Map<String, PriceOffer> cheapestSpot = Constraints.SPOT_MIXED.equals(constraints.spot())
                ? cheapestSpotBySlot(offers) : Map.of();
        for (PriceOffer offer : offers) {
            judge(version, quality, hardware, capacity, offer, cheapestSpot);
        }
    }

    /** A hosted model API ({@link HostedPlans}): per-unit offers of its served model, the same allow-lists and budget. */
    private void judgeHosted(ModelVersion version, Quality quality) {
        String hosted = HostedPlans.HOSTED;
        Candidate candidate = new Candidate(version.id(), version.label(), hosted, hosted, 0, null, null, null, null);
        if (!constraints.accelerators().isEmpty() && !constraints.accelerators().contains(hosted)) {
            allowList(candidate, "accelerators", hosted, constraints.accelerators());
            return;
        }
        HostedPlans.Outcome outcome = HostedPlans.judge(request, version, snapshot.evidenceOf(version.id()),
                snapshot.unitOffersFor(version.servedModel()), percentile);
        if (outcome instanceof HostedPlans.Refused r) {
            reject(r.key(), candidate, r.constraint(), r.actual(), r.limit(), r.reason(), r.gap());
            return;
        }
        HostedPlans.Planned planned = (HostedPlans.Planned) outcome;
        if (planned.sheets().isEmpty()) {
            reject("hardware-equivalence|no-unit-offer|" + version.servedModel(), candidate, "hardware-equivalence",
                    version.servedModel(), "a per-unit offer", "no per-unit offer serves " + version.servedModel(),
                    Double.NaN);
            return;
        }
        BigDecimal requests = HostedPlans.monthlyRequests(request);
        for (HostedPlans.Sheet sheet : planned.sheets()) {
            Candidate c = new Candidate(version.id(), version.label(), hosted, hosted, 0, sheet.provider(),
                    sheet.region(), sheet.instanceType(), sheet.purchaseOption());
            String qualified = sheet.provider() + "/" + sheet.instanceType();
            if (!constraints.providers().isEmpty() && !constraints.providers().contains(sheet.provider())) {
                allowList(c, "providers", sheet.provider(), constraints.providers());
            } else if (!constraints.regions().isEmpty() && !constraints.regions().contains(sheet.region())) {
                allowList(c, "regions", sheet.region(), constraints.regions());
            } else if (!constraints.instanceTypes().isEmpty() && !constraints.instanceTypes().contains(sheet.instanceType())
                    && !constraints.instanceTypes().contains(qualified)) {
                allowList(c, "instanceTypes", qualified, constraints.instanceTypes());
            } else if (!purchaseOptionAllowed(sheet.purchaseOption())) {
                allowList(c, "purchaseOptions", sheet.purchaseOption(), constraints.purchaseOptions());
            } else if (Constraints.SPOT_ONLY.equals(constraints.spot())) {
                reject("spot|only", c, "spot", sheet.purchaseOption(), "spot: only", "only spot offers (spot: only)",
                        Double.NaN);
            } else {
                HostedPlans.Priced priced = HostedPlans.price(sheet, requests, request.tokensPerRequest(), priceFactor);
                if (priced.unpriceable() != null) {
                    reject("hosted-volume|" + version.servedModel(), c, "tokensPerRequest", "none", "a volume per unit",
                            priced.unpriceable(), Double.NaN);
                } else {
                    admitWithinBudget(c, HostedPlans.plan(version, quality, sheet, planned, priced, requests));
                }
            }
        }
    }

    private AtSlo capacity(List<Evidence> usable, Hardware hardware, Candidate candidate) {
        if (request.batchWork()) {
            Optional<AtSlo> offline = Capacity.offline(usable, percentile);
            if (offline.isEmpty()) {
                reject("evidence|no-offline|" + hardware.pool(), candidate, "evidence", "no Offline result",
                        "an Offline result", "no valid Offline result on pool " + hardware.pool()
                                + " to size batch work", Double.NaN);
                return null;
            }
            return offline.get();
        }
        double maxMs = request.latency().maxMs();
        Capacity.Outcome outcome = Capacity.atSlo(usable, percentile, maxMs, request.allowInterpolation());
        if (outcome instanceof Capacity.Miss miss && !miss.latencyKnown()) {
            // throughput-only results (published tables): the SLO cannot be checked, which is not a near miss
            String name = percentile.fieldName();
            reject("latency|unknown|" + hardware.pool(), candidate, "latency", "not reported", ms(maxMs) + " ms",
                    "no valid result on " + (hardware.cpu() ? "pool " + hardware.pool() : hardware.accelerator())
                            + " reports its " + name + " latency: the latency SLO cannot be checked", Double.NaN);
            return null;
        }
        if (outcome instanceof Capacity.Miss miss) {
            String name = percentile.fieldName();
            reject("latency|" + candidate.modelVersionId() + "|" + hardware.pool(), candidate, "latency",
                    ms(miss.latencyMs()) + " ms", ms(maxMs) + " ms",
                    name + " " + ms(miss.latencyMs()) + " ms > " + ms(maxMs) + " ms at batch " + miss.best().batchSize()
                            + " on " + (hardware.cpu() ? "pool " + hardware.pool() : hardware.accelerator()),
                    (miss.latencyMs() - maxMs) / maxMs);
            return null;
        }
        return (AtSlo) outcome;
    }

    private void judge(ModelVersion version, Quality quality, Hardware hardware, AtSlo capacity, PriceOffer offer,
                       Map<String, PriceOffer> cheapestSpot) {
        Candidate candidate = new Candidate(version.id(), version.label(), hardware.pool(), hardware.accelerator(),
                hardware.acceleratorCount(), offer.provider(), offer.region(), offer.instanceType(),
                offer.purchaseOption());
        if (!constraints.providers().isEmpty() && !constraints.providers().contains(offer.provider())) {
            allowList(candidate, "providers", offer.provider(), constraints.providers());
            return;
        }
        if (!constraints.regions().isEmpty() && !constraints.regions().contains(offer.region())) {
            allowList(candidate, "regions", offer.region(), constraints.regions());
            return;
        }
        if (!constraints.instanceTypes().isEmpty() && !constraints.instanceTypes().contains(offer.instanceType())
                && !constraints.instanceTypes().contains(offer.qualifiedInstanceType())) {
            allowList(candidate, "instanceTypes", offer.qualifiedInstanceType(), constraints.instanceTypes());
            return;
        }
        if (!purchaseOptionAllowed(offer.purchaseOption())) {
            allowList(candidate, "purchaseOptions", offer.purchaseOption(), constraints.purchaseOptions());
            return;
        }
        boolean spot = SPOT.equals(offer.purchaseOption());
        String mode = constraints.spot();
        if (spot && !Constraints.SPOT_ONLY.equals(mode)) {
            reject("spot|" + mode, candidate, "spot", SPOT, "spot: " + mode, Constraints.SPOT_NONE.equals(mode)
                    ? "spot offers excluded (spot: none)"
                    : "spot only above an on-demand floor (spot: mixed)", Double.NaN);
            return;
        }
        if (!spot && Constraints.SPOT_ONLY.equals(mode)) {
            reject("spot|only", candidate, "spot", offer.purchaseOption(), "spot: only",
                    "only spot offers (spot: only)", Double.NaN);
            return;
        }
        Money hourly = hourly(offer);
        priced.add(new Priced(candidate, version, quality, hardware, capacity, offer, null));
        admitWithinBudget(candidate, version, quality, hardware, capacity, offer, hourly);
        if (ON_DEMAND.equals(offer.purchaseOption()) && purchaseOptionAllowed(SPOT)) {
            PriceOffer spotOffer = cheapestSpot.get(slot(offer));
            if (spotOffer != null) {
                Candidate mixedCandidate = new Candidate(version.id(), version.label(), hardware.pool(),
                        hardware.accelerator(), hardware.acceleratorCount(), offer.provider(), offer.region(),
                        offer.instanceType(), MIXED);
                // a mix with no spot replica is the on-demand plan itself; at other traffic it may not be
                priced.add(new Priced(mixedCandidate, version, quality, hardware, capacity, offer, spotOffer));
                Plan mixed = plan(version, quality, hardware, capacity, offer, hourly, spotOffer);
                if (mixed.mix().spotReplicas() > 0) {
                    admitWithinBudget(mixedCandidate, mixed);
                }
            }
        }
    }

    private boolean purchaseOptionAllowed(String option) {
        return constraints.purchaseOptions().isEmpty() || constraints.purchaseOptions().contains(option);
    }

    /**
     * A single-offer candidate: its monthly cost is computed first, and its plan built only when it is within
     * the budget or kept as its rejection group's example (most over-budget candidates are only counted).
     */
    private void admitWithinBudget(Candidate candidate, ModelVersion version, Quality quality, Hardware hardware,
                                   AtSlo capacity, PriceOffer offer, Money hourly) {
        Sized size = sized(version, hardware, capacity);
        if (budgetLimit != null && size.monthlyUsd(hourly.usd()).compareTo(budgetLimit.usd()) > 0) {
            overBudget(size.budgetKey(), candidate, size.monthlyCost(hourly),
                    () -> plan(version, quality, hardware, capacity, offer, hourly, null));
            return;
        }
        feasible.add(plan(version, quality, hardware, capacity, offer, hourly, null));
    }

    private void admitWithinBudget(Candidate candidate, Plan plan) {
        if (budgetLimit != null && plan.monthlyCostUsd().compareTo(budgetLimit) > 0) {
            overBudget("budget|" + candidate.modelVersionId() + "|" + candidate.pool(), candidate,
                    plan.monthlyCostUsd(), () -> plan);
            return;
        }
        feasible.add(plan);
    }

    /** Counted in its group; {@code plan} is built only if the candidate becomes the group's example. */
    private void overBudget(String key, Candidate candidate, Money monthly, java.util.function.Supplier<Plan> plan) {
        Money limit = budgetLimit;
        double gap = limit.isZero() ? Double.MAX_VALUE
                : monthly.usd().subtract(limit.usd()).divide(limit.usd(), MathContext.DECIMAL64).doubleValue();
        rejections.add(key, gap, () -> new Rejection(candidate.priced(plan.get()), "budget", dollars(monthly),
                dollars(limit), "monthly " + dollars(monthly) + " > budget " + dollars(limit), 1, gap));
    }

    private Plan plan(ModelVersion version, Quality quality, Hardware hardware, AtSlo capacity, PriceOffer offer,
                      Money hourly, PriceOffer spotOffer) {
        Sized size = sized(version, hardware, capacity);
        int replicas = size.replicas();
        int billed = size.billed();
        Money monthly = size.monthlyCost(hourly);
        SpotMix mix = null;
        if (spotOffer != null) {
            mix = SpotMix.of(billed, constraints.onDemandFloorPercent(), hourly, hourly(spotOffer));
            if (request.batchWork()) {
                // the day's instance-hours shared by the replicas, each billed at its own price
                BigDecimal hoursPerReplica = size.batchHoursPerMonth()
                        .divide(BigDecimal.valueOf(replicas), MathContext.DECIMAL64);
                monthly = mix.onDemandHourlyUsd().times(mix.onDemandReplicas()).plus(
                        mix.spotHourlyUsd().times(mix.spotReplicas())).times(hoursPerReplica);
            } else {
                monthly = mix.monthlyCost();
            }
        }
        return new Plan(0, version.id(), version.family(), version.label(), quality == null ? null : quality.value(),
                hardware.accelerator(), hardware.cpu() ? offer.acceleratorCount() : hardware.acceleratorCount(),
                hardware.pool(), offer.provider(), offer.region(), offer.zone(), offer.instanceType(),
                spotOffer == null ? offer.purchaseOption() : MIXED, mix, size.config(),
                replicas, billed, capacity.qpsAtSlo(), capacity.latencyMs(), hourly, monthly,
                Sizing.costPer1k(monthly, size.inferences()),
                spotOffer == null ? offer.priceBookVersion() : Math.max(offer.priceBookVersion(), spotOffer.priceBookVersion()),
                size.provenance(), capacity.interpolated(), size.evidence(), null, null, null);
    }

    /**
     * What a candidate's plan takes from its capacity and the request alone: replicas (peak and billed), the
     * monthly inferences, batch work's instance-hours, the run configuration and the evidence it rests on.
     * {@code batchHoursPerMonth} null for online traffic.
     */
    private record Sized(int replicas, int billed, BigDecimal inferences, BigDecimal batchHoursPerMonth,
                         RunConfig config, List<EvidenceRef> evidence, String provenance, String budgetKey,
                         BigDecimal billedHours) {

        /**
         * Steady or autoscaled: {@code billed × hourly × 730} ({@link Sizing#monthlyCost}, as one exact product);
         * batch: {@code instance_hours_per_month × hourly}.
         */
        Money monthlyCost(Money hourly) {
            return hourly.times(hours());
        }

        /**
         * The same amount, for comparing. Online, before {@link Money}'s normalization: an hourly price has at
         * most {@link Money#MAX_SCALE} digits and the billed hours are whole, so only trailing zeros differ,
         * never the value. Batch hours are fractional, so their product is rounded as {@link Money} rounds it.
         */
        BigDecimal monthlyUsd(BigDecimal hourlyUsd) {
            return batchHoursPerMonth == null ? hourlyUsd.multiply(billedHours)
                    : monthlyCost(new Money(hourlyUsd)).usd();
        }

        private BigDecimal hours() {
            return batchHoursPerMonth == null ? billedHours : batchHoursPerMonth;
        }
    }

    private Sized sized(ModelVersion version, Hardware hardware, AtSlo capacity) {
        Sized known = sized.get(capacity);
        if (known != null) {
            return known;
        }
        int replicas;
        int billed;
        BigDecimal inferences;
        BigDecimal batchHours = null;
        if (request.batchWork()) {
            Sizing.BatchSizing batch = Sizing.batch(request.batch().itemsPerDay(), request.batch().deadlineHours(),
                    capacity.qpsAtSlo(), Money.ZERO);
            replicas = batch.replicas();
            billed = replicas;
            inferences = batch.monthlyInferences();
            batchHours = batch.instanceHoursPerMonth();
        } else {
            int minReplicas = constraints.minReplicas();
            double utilization = constraints.targetUtilization();
            RecommendationRequest.Traffic traffic = request.traffic();
            replicas = Sizing.replicas(traffic.peakQps(), capacity.qpsAtSlo(), utilization, minReplicas);
            billed = Sizing.replicasBilled(traffic.autoscaled(), traffic.avgQps(), replicas, capacity.qpsAtSlo(),
                    utilization, minReplicas);
            inferences = Sizing.monthlyInferences(traffic.avgQps());
        }
        Evidence point = capacity.point();
        List<EvidenceRef> refs = capacity.evidence().stream()
                .map(e -> new EvidenceRef(e.resultId(), e.provenance(), e.source(), e.valid(), capacity.interpolated()))
                .toList();
        boolean published = capacity.evidence().stream().anyMatch(Evidence::published);
        Sized size = new Sized(replicas, billed, inferences, batchHours,
                new RunConfig(point.batchSize(), point.concurrency(), null, point.executionProvider(), point.scenario()),
                refs, published ? Evidence.PUBLISHED : Evidence.MEASURED,
                "budget|" + version.id() + "|" + hardware.pool(),
                BigDecimal.valueOf(billed).multiply(Sizing.HOURS_PER_MONTH));
        sized.put(capacity, size);
        return size;
    }

    /** An offer's hourly price; spot with its interruption allowance when the request prices spot risk. */
    private Money hourly(PriceOffer offer) {
        Money hourly = price(offer.hourlyUsd());
        SpotAllowance allowance = SPOT.equals(offer.purchaseOption())
                ? SpotAllowance.of(request.spotRisk(), offer.provider()) : null;
        return allowance == null ? hourly : allowance.effective(hourly);
    }

    /**
     * {@link #hourly} as a plain amount, for comparing: a repriced amount that needs no rounding (at most
     * {@link Money#MAX_SCALE} digits) is used as it is, since {@link Money} would only strip its trailing zeros.
     */
    private BigDecimal hourlyUsd(PriceOffer offer) {
        if (unitPrices || SPOT.equals(offer.purchaseOption())) {
            return hourly(offer).usd();
        }
        BigDecimal repriced = offer.hourlyUsd().usd().multiply(priceFactor);
        return repriced.scale() <= Money.MAX_SCALE ? repriced : hourly(offer).usd();
    }

    private Money price(Money hourly) {
        return unitPrices ? hourly : hourly.times(priceFactor);
    }

    private static Map<String, PriceOffer> cheapestSpotBySlot(List<PriceOffer> offers) {
        Map<String, PriceOffer> cheapest = new HashMap<>();
        for (PriceOffer offer : offers) {   // cheapest first, so the first seen per slot wins
            if (SPOT.equals(offer.purchaseOption())) {
                cheapest.putIfAbsent(slot(offer), offer);
            }
        }
        return cheapest;
    }

    /** Where an on-demand floor and its spot capacity must both run: one instance type in one region. */
    private static String slot(PriceOffer offer) {
        return offer.provider() + "|" + offer.region() + "|" + offer.instanceType();
    }

    /** Its sentence built once per group: a narrow allow-list rejects most offers of the book. */
    private void allowList(Candidate candidate, String constraint, String actual, List<?> allowed) {
        rejections.add(constraint + "|" + actual, Double.NaN, () -> new Rejection(candidate, constraint, actual,
                allowed.toString(), constraint + ": " + actual + " is not in " + allowed, 1, Double.NaN));
    }

    private void reject(String key, Candidate candidate, String constraint, String actual, String limit,
                        String reason, double gap) {
        rejections.add(key, new Rejection(candidate, constraint, actual, limit, reason, 1, gap));
    }

    static String dollars(Money money) {
        return "$" + money.usd().setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String ms(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
