package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.recommender.snapshots.PriceOffer;
import dev.inferplan.recommender.snapshots.Snapshot;

/**
 * A plan's hardware bought every way the book sells it in the same place (provider, region, zone,
 * instance type): on demand, each commitment and payment option, and spot, and where each commitment
 * beats on demand. A commitment is paid for every hour of its term; on demand only for the hours used, so
 * with the fleet used a fraction {@code u} of the hours a commitment wins when {@code u > hourly_commit /
 * hourly_on_demand} (the break-even utilization). The book's hourly price of a commitment already
 * amortizes its upfront fee over the term (pricing-service), so {@code recurring = hourly − upfront /
 * (term_months × 730)}.
 */
public final class Commitments {

    private static final BigDecimal HOURS = Sizing.HOURS_PER_MONTH;
    private static final BigDecimal DAYS_PER_MONTH = HOURS.divide(BigDecimal.valueOf(24), MathContext.DECIMAL64);

    private Commitments() {
    }

    /** The break-even of one commitment offer. {@code paymentOption}: NO_UPFRONT, PARTIAL_UPFRONT or ALL_UPFRONT. */
    public record Option(String purchaseOption, String paymentOption, int termMonths, Money upfrontUsd,
                         Money hourlyUsd, Money recurringHourlyUsd, Money monthlyUsd, Money upfrontTotalUsd,
                         BigDecimal breakEvenUtilization, boolean beatsOnDemand, Money monthlySavingsUsd) {
    }

    /** Autoscaled: the base reserved all month, the burst on demand for the peak hours. */
    public record AutoscaledMix(String purchaseOption, String paymentOption, int baseReplicas, int burstReplicas,
                                double peakHoursPerDay, Money mixMonthlyUsd, Money onDemandMonthlyUsd) {
    }

    /** Spot in the same place, with the interruption allowance when the request prices it. */
    public record Spot(Money hourlyUsd, Money effectiveHourlyUsd, Money monthlyUsd, SpotAllowance allowance) {
    }

    /**
     * {@code fleetUtilization}: the plan's billed instance-hours over {@code replicas × 730} (1 when steady).
     * {@code onDemand*} absent when the book has no on-demand offer there (no break-even then).
     */
    public record BreakEven(Money onDemandHourlyUsd, Money onDemandMonthlyUsd, BigDecimal fleetUtilization,
                            List<Option> options, List<AutoscaledMix> autoscaled, Spot spot, String note) {
    }

    public static BreakEven of(Plan plan, RecommendationRequest request, Snapshot snapshot) {
        List<PriceOffer> here = snapshot.offersOf(plan.provider() + "/" + plan.instanceType()).stream()
                .filter(o -> o.region().equals(plan.region()) && sameZone(o.zone(), plan.zone()))
                .toList();
        Optional<PriceOffer> onDemand = cheapest(here, PurchaseOption.ON_DEMAND.name());
        BigDecimal fleetHours = BigDecimal.valueOf(plan.replicas()).multiply(HOURS);
        BigDecimal usedHours = instanceHoursPerMonth(plan);
        BigDecimal utilization = fleetHours.signum() == 0 ? BigDecimal.ZERO
                : usedHours.divide(fleetHours, 4, RoundingMode.HALF_EVEN);
        Money odHourly = onDemand.map(PriceOffer::hourlyUsd).orElse(null);
        Money odMonthly = odHourly == null ? null : odHourly.times(usedHours);
        List<Option> options = new ArrayList<>();
        List<AutoscaledMix> mixes = new ArrayList<>();
        boolean autoscaled = !request.batchWork() && request.traffic() != null && request.traffic().autoscaled();
        for (PriceOffer offer : here) {
            Optional<PurchaseOption> option = PurchaseOption.parse(offer.purchaseOption());
            if (option.isEmpty() || option.get().termMonths() == 0) {
                continue;
            }
            options.add(option(offer, option.get().termMonths(), plan.replicas(), utilization, odHourly, odMonthly));
            if (autoscaled && odHourly != null) {
                mixes.add(mix(offer, plan, odHourly, request.commitments().peakHoursPerDay()));
            }
        }
        options.sort(Comparator.comparing(Option::monthlyUsd).thenComparing(Option::purchaseOption));
        mixes.sort(Comparator.comparing(AutoscaledMix::mixMonthlyUsd).thenComparing(AutoscaledMix::purchaseOption));
        Spot spot = cheapest(here, PurchaseOption.SPOT.name()).map(s -> {
            SpotAllowance allowance = SpotAllowance.of(request.spotRisk(), plan.provider());
            Money effective = allowance == null ? s.hourlyUsd() : allowance.effective(s.hourlyUsd());
            return new Spot(s.hourlyUsd(), effective, effective.times(usedHours), allowance);
        }).orElse(null);
        String note = odHourly == null ? "no on-demand offer for " + plan.provider() + "/" + plan.instanceType()
                + " in " + plan.region() + ": no break-even" : null;
        return new BreakEven(odHourly, odMonthly, utilization, options, mixes, spot, note);
    }

    /** A commitment of the plan's whole fleet: paid every hour of the month, upfront fee per instance. */
    static Option option(PriceOffer offer, int termMonths, int replicas, BigDecimal utilization, Money odHourly,
                         Money odMonthly) {
        Money hourly = offer.hourlyUsd();
        Money upfront = offer.upfrontUsd() == null ? Money.ZERO : offer.upfrontUsd();
        Money recurring = hourly.minus(upfront.dividedBy(HOURS.multiply(BigDecimal.valueOf(termMonths))));
        if (recurring.isNegative()) {
            recurring = Money.ZERO;
        }
        String payment = upfront.isZero() ? "NO_UPFRONT"
                : recurring.usd().setScale(4, RoundingMode.HALF_EVEN).signum() == 0 ? "ALL_UPFRONT" : "PARTIAL_UPFRONT";
        Money monthly = hourly.times(replicas).times(HOURS);
        BigDecimal breakEven = odHourly == null || odHourly.isZero() ? null
                : hourly.usd().divide(odHourly.usd(), 4, RoundingMode.HALF_EVEN);
        boolean beats = breakEven != null && utilization.compareTo(breakEven) > 0;
        Money savings = odMonthly == null ? null : odMonthly.minus(monthly);
        return new Option(offer.purchaseOption(), payment, termMonths, upfront, hourly, recurring, monthly,
                upfront.times(replicas), breakEven, beats, savings);
    }

    /**
     * {@code mix = base × hourly_commit × 730 + burst × hourly_od × peak_hours_per_day × 730 / 24}, against
     * the same profile all on demand ({@code base × hourly_od × 730 + burst × hourly_od × peak_hours × 730 / 24});
     * base = the replicas billed at average load, burst = the peak replicas above it.
     */
    static AutoscaledMix mix(PriceOffer commitment, Plan plan, Money odHourly, double peakHoursPerDay) {
        int base = plan.replicasBilled();
        int burst = Math.max(0, plan.replicas() - base);
        BigDecimal burstHours = BigDecimal.valueOf(peakHoursPerDay).multiply(DAYS_PER_MONTH);
        Money burstCost = odHourly.times(burst).times(burstHours);
        Money mix = commitment.hourlyUsd().times(base).times(HOURS).plus(burstCost);
        Money allOnDemand = odHourly.times(base).times(HOURS).plus(burstCost);
        Money upfront = commitment.upfrontUsd() == null ? Money.ZERO : commitment.upfrontUsd();
        return new AutoscaledMix(commitment.purchaseOption(), upfront.isZero() ? "NO_UPFRONT" : "WITH_UPFRONT " + upfront,
                base, burst, peakHoursPerDay, mix, allOnDemand);
    }

    /** The instance-hours a month the plan bills: replicas billed × 730, or a batch plan's instance-hours. */
    static BigDecimal instanceHoursPerMonth(Plan plan) {
        if (plan.hourlyUsd().isZero()) {
            return BigDecimal.valueOf(plan.replicasBilled()).multiply(HOURS);
        }
        if (plan.mix() != null) {
            return BigDecimal.valueOf(plan.replicasBilled()).multiply(HOURS);
        }
        // monthly = hourly × instance-hours for every self-hosted plan (steady, autoscaled and batch)
        return plan.monthlyCostUsd().usd().divide(plan.hourlyUsd().usd(), MathContext.DECIMAL64)
                .setScale(4, RoundingMode.HALF_EVEN);
    }

    private static Optional<PriceOffer> cheapest(List<PriceOffer> offers, String purchaseOption) {
        return offers.stream().filter(o -> purchaseOption.equals(o.purchaseOption()))
                .min(Comparator.comparing(PriceOffer::hourlyUsd));
    }

    private static boolean sameZone(String a, String b) {
        return (a == null || a.isEmpty()) ? (b == null || b.isEmpty()) : a.equals(b);
    }
}
