package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.math.MathContext;

import dev.inferplan.contracts.money.Money;

/**
 * The total cost of ownership of a plan over a horizon of H months (README, "TCO and ROI"):
 * {@code infrastructure = monthly_cost × H}, {@code engineering = engineering_hours_per_month × hourly_rate
 * × H}, {@code storage = storage_gib × usd_per_gib_month × H}, {@code retraining = runs_per_year ×
 * cost_per_run × H / 12}, {@code labeling = labeling_per_year × H / 12}, {@code setup} once;
 * {@code tco} their sum. A hosted API's plan ({@link HostedPlans}: no replicas) takes {@code hostedEngineeringHoursPerMonth}
 * when given, else the same engineering hours. An absent input counts as 0.
 */
public final class Tco {

    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    private Tco() {
    }

    public record Breakdown(int horizonMonths, Money infrastructureUsd, Money engineeringUsd, Money storageUsd,
                            Money retrainingUsd, Money labelingUsd, Money oneTimeSetupUsd, Money tcoUsd,
                            Money tcoMonthlyUsd) {
    }

    public static Breakdown of(Plan plan, RecommendationRequest.Tco tco) {
        BigDecimal h = BigDecimal.valueOf(tco.horizonMonths());
        Money infrastructure = plan.monthlyCostUsd().times(h);
        boolean hosted = plan.hosted() != null && tco.hostedEngineeringHoursPerMonth() != null;
        Money engineering = usd(tco.hourlyRateUsd())
                .times(decimal(hosted ? tco.hostedEngineeringHoursPerMonth() : tco.engineeringHoursPerMonth())).times(h);
        Money storage = usd(tco.storageUsdPerGibMonth()).times(decimal(tco.storageGib())).times(h);
        BigDecimal years = h.divide(TWELVE, MathContext.DECIMAL64);
        Money retraining = usd(tco.retrainingCostUsd()).times(decimal(tco.retrainingRunsPerYear())).times(years);
        Money labeling = usd(tco.labelingUsdPerYear()).times(years);
        Money setup = usd(tco.oneTimeSetupUsd());
        Money total = infrastructure.plus(engineering).plus(storage).plus(retraining).plus(labeling).plus(setup);
        return new Breakdown(tco.horizonMonths(), infrastructure, engineering, storage, retraining, labeling, setup,
                total, total.dividedBy(h));
    }

    private static Money usd(BigDecimal value) {
        return value == null ? Money.ZERO : new Money(value);
    }

    private static BigDecimal decimal(Double value) {
        return value == null ? BigDecimal.ZERO : BigDecimal.valueOf(value);
    }
}
