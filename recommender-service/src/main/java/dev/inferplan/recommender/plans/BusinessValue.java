package dev.inferplan.recommender.plans;

import java.math.BigDecimal;

import dev.inferplan.contracts.money.Money;

/**
 * What a plan is worth (README, "TCO and ROI"): {@code monthly_value = (quality − baseline) ×
 * usd_per_quality_point_per_month} (for a lower-is-better metric {@code baseline − quality}), and
 * {@code net_value = monthly_value − monthly_cost}, where the cost is the TCO per month when the request
 * asks for a TCO, else the plan's monthly cost.
 */
public record BusinessValue(Money monthlyValueUsd, Money netValueUsd, String costBasis) {

    public static BusinessValue of(Plan plan, RecommendationRequest.Value value, boolean higherIsBetter,
                                   Tco.Breakdown tco) {
        BigDecimal quality = plan.quality() == null ? BigDecimal.ZERO : plan.quality();
        BigDecimal points = quality.subtract(BigDecimal.valueOf(value.baselineQuality()));
        if (!higherIsBetter) {
            points = points.negate();
        }
        Money monthlyValue = new Money(value.usdPerQualityPointPerMonth()).times(points);
        Money cost = tco == null ? plan.monthlyCostUsd() : tco.tcoMonthlyUsd();
        return new BusinessValue(monthlyValue, monthlyValue.minus(cost), tco == null ? "monthlyCostUsd" : "tcoMonthlyUsd");
    }
}
