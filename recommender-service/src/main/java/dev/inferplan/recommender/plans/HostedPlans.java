package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.contracts.benchmarks.LatencyPercentile;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PriceUnit;
import dev.inferplan.recommender.plans.Plan.EvidenceRef;
import dev.inferplan.recommender.plans.Plan.RunConfig;
import dev.inferplan.recommender.snapshots.Evidence;
import dev.inferplan.recommender.snapshots.ModelVersion;
import dev.inferplan.recommender.snapshots.UnitOffer;

/**
 * Plans for a hosted model API: a model version whose artifact is a hosted endpoint, priced by the per-unit
 * offers of its served model instead of instance-hours. There is nothing to size (the provider runs it: no
 * replicas), so its cost is the month's volume times the unit prices, and its latency is the provider's
 * published figure (PUBLISHED evidence with a citation), labelled so.
 * <pre>
 * requests  = avg_qps × 3600 × 730        (online; batch: items_per_day × 730 / 24, as for self-hosted plans)
 * monthly   = Σ over the sheet's units: units(unit) × unit_price
 * units(REQUEST) = units(IMAGE) = requests
 * units(1K_INPUT_TOKENS)  = requests × tokensPerRequest.input / 1000
 * units(1K_OUTPUT_TOKENS) = requests × tokensPerRequest.output / 1000
 * </pre>
 * A price sheet is the offers of one provider, region, endpoint (instance type) and purchase option: an LLM's
 * input- and output-token prices together. A sheet priced per 1,000 characters is not planned (requests do
 * not say how many characters they carry): rejected with that reason.
 */
public final class HostedPlans {

    /** What a hosted plan's pool and accelerator say: the provider's hardware, not ours. */
    public static final String HOSTED = "hosted";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private HostedPlans() {
    }

    /** One unit's part of the month: {@code units × unitPriceUsd = monthlyUsd}. */
    public record UnitCharge(String unit, BigDecimal units, Money unitPriceUsd, Money monthlyUsd) {
    }

    /** What a hosted plan's monthly cost is made of, and the formula that made it. */
    public record HostedCost(String servedModel, BigDecimal monthlyRequests, List<UnitCharge> charges, String formula) {
    }

    /** The outcome for one hosted version: plans (one per price sheet) or why there is none. */
    sealed interface Outcome permits Planned, Refused {
    }

    record Planned(List<Sheet> sheets, Evidence latencyPoint, double latencyMs) implements Outcome {
    }

    /** A reason against the whole version (its evidence or its latency), as the planner records rejections. */
    record Refused(String key, String constraint, String actual, String limit, String reason, double gap)
            implements Outcome {
    }

    /** One provider's prices for the served model at one place and purchase option. */
    record Sheet(String provider, String region, String instanceType, String purchaseOption, List<UnitOffer> offers) {

        long priceBookVersion() {
            return offers.stream().mapToLong(UnitOffer::priceBookVersion).max().orElse(0);
        }
    }

    /**
     * The version's evidence judged for a hosted plan: published only (no runner measures a hosted endpoint), valid,
     * and within the SLO at the asked percentile; then its price sheets.
     */
    static Outcome judge(RecommendationRequest request, ModelVersion version, List<Evidence> evidence,
                         List<UnitOffer> offers, LatencyPercentile percentile) {
        if (!request.withPublished()) {
            return new Refused("evidence|hosted-needs-published", "evidence", "PUBLISHED only", "MEASURED",
                    "a hosted API's latency is the provider's published figure: ask with evidence WITH_PUBLISHED",
                    Double.NaN);
        }
        List<Evidence> valid = evidence.stream().filter(Evidence::published).filter(Evidence::valid).toList();
        if (valid.isEmpty()) {
            return new Refused("evidence|hosted-none|" + version.servedModel(), "evidence", "none",
                    "a valid published result", "no valid published latency for hosted " + version.servedModel(),
                    Double.NaN);
        }
        Evidence best = valid.stream().min(Comparator.comparingDouble(e -> latencyAt(e, percentile))).orElseThrow();
        double latency = latencyAt(best, percentile);
        if (!request.batchWork() && latency > request.latency().maxMs()) {
            double maxMs = request.latency().maxMs();
            return new Refused("latency|" + version.id() + "|" + best.pool(), "latency", Planner.ms(latency) + " ms",
                    Planner.ms(maxMs) + " ms", percentile.fieldName() + " " + Planner.ms(latency) + " ms > "
                            + Planner.ms(maxMs) + " ms (published by the provider of " + version.servedModel() + ")",
                    (latency - maxMs) / maxMs);
        }
        Map<String, List<UnitOffer>> bySheet = new LinkedHashMap<>();
        offers.forEach(o -> bySheet.computeIfAbsent(o.sheet(), k -> new ArrayList<>()).add(o));
        List<Sheet> sheets = bySheet.values().stream().map(list -> new Sheet(list.getFirst().provider(),
                list.getFirst().region(), list.getFirst().instanceType(), list.getFirst().purchaseOption(),
                List.copyOf(list))).toList();
        return new Planned(sheets, best, latency);
    }

    /**
     * The published latency at the percentile; a percentile the source did not state (0) is read at the next
     * higher one it did (p95 from p99), never a lower one: the SLO check stays on the safe side.
     */
    static double latencyAt(Evidence e, LatencyPercentile percentile) {
        List<LatencyPercentile> order = List.of(LatencyPercentile.P50, LatencyPercentile.P90, LatencyPercentile.P95,
                LatencyPercentile.P99);
        for (int i = Math.max(0, order.indexOf(percentile)); i < order.size(); i++) {
            double value = e.latencyAt(order.get(i));
            if (value > 0) {
                return value;
            }
        }
        return Double.MAX_VALUE;
    }

    /** The month's requests, as self-hosted plans count inferences. */
    static BigDecimal monthlyRequests(RecommendationRequest request) {
        if (request.batchWork()) {
            return BigDecimal.valueOf(request.batch().itemsPerDay()).multiply(Sizing.HOURS_PER_MONTH)
                    .divide(BigDecimal.valueOf(24), MathContext.DECIMAL64);
        }
        return Sizing.monthlyInferences(request.traffic().avgQps());
    }

    /** The sheet's cost for the month, or empty with the reason it cannot be priced (the unit that lacks a volume). */
    static Priced price(Sheet sheet, BigDecimal requests, RecommendationRequest.TokensPerRequest tokens,
                        BigDecimal priceFactor) {
        List<UnitCharge> charges = new ArrayList<>();
        Money monthly = Money.ZERO;
        for (UnitOffer offer : sheet.offers()) {
            Optional<PriceUnit> unit = PriceUnit.parse(offer.unit());
            if (unit.isEmpty()) {
                return new Priced(null, "unit " + offer.unit() + " is not one the recommender can price");
            }
            BigDecimal units = switch (unit.get()) {
                case REQUEST, IMAGE -> requests;
                case INPUT_TOKENS_1K -> tokens == null || tokens.input() == null ? null
                        : requests.multiply(BigDecimal.valueOf(tokens.input())).divide(THOUSAND, MathContext.DECIMAL64);
                case OUTPUT_TOKENS_1K -> tokens == null || tokens.output() == null ? null
                        : requests.multiply(BigDecimal.valueOf(tokens.output())).divide(THOUSAND, MathContext.DECIMAL64);
                case CHARACTERS_1K -> null;
            };
            if (units == null) {
                return new Priced(null, unit.get() == PriceUnit.CHARACTERS_1K
                        ? "priced per 1,000 characters: requests do not say how many characters they carry"
                        : "priced per " + unit.get().label() + ": the request needs tokensPerRequest."
                                + (unit.get() == PriceUnit.INPUT_TOKENS_1K ? "input" : "output"));
            }
            Money price = priceFactor.compareTo(BigDecimal.ONE) == 0 ? offer.unitPriceUsd()
                    : offer.unitPriceUsd().times(priceFactor);
            Money charge = price.times(units);
            charges.add(new UnitCharge(unit.get().label(), units.stripTrailingZeros(), price, charge));
            monthly = monthly.plus(charge);
        }
        return new Priced(new HostedCost(null, requests.stripTrailingZeros(), List.copyOf(charges),
                "monthly = Σ units × unit price; requests = " + (requests.stripTrailingZeros().toPlainString())
                        + " a month"), null, monthly);
    }

    /** A priced sheet, or the reason it cannot be priced. */
    record Priced(HostedCost cost, String unpriceable, Money monthly) {

        Priced(HostedCost cost, String unpriceable) {
            this(cost, unpriceable, null);
        }
    }

    /** The plan of one priced sheet: no replicas, the published latency, monthly = volume × unit prices. */
    static Plan plan(ModelVersion version, Planner.Quality quality, Sheet sheet, Planned planned, Priced priced,
                     BigDecimal requests) {
        Evidence point = planned.latencyPoint();
        HostedCost cost = new HostedCost(version.servedModel(), priced.cost().monthlyRequests(), priced.cost().charges(),
                priced.cost().formula());
        return new Plan(0, version.id(), version.family(), version.label(), quality == null ? null : quality.value(),
                HOSTED, 0, point.pool(), sheet.provider(), sheet.region(), "", sheet.instanceType(),
                sheet.purchaseOption(), null,
                new RunConfig(point.batchSize(), point.concurrency(), null, point.executionProvider(), point.scenario()),
                0, 0, 0, planned.latencyMs(), priced.monthly().dividedBy(Sizing.HOURS_PER_MONTH), priced.monthly(),
                Sizing.costPer1k(priced.monthly(), requests), sheet.priceBookVersion(), Evidence.PUBLISHED, false,
                List.of(new EvidenceRef(point.resultId(), point.provenance(), point.source(), point.valid(), false)),
                null, null, cost);
    }
}
