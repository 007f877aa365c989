package dev.inferplan.recommender.plans;

import java.math.BigDecimal;

import dev.inferplan.contracts.money.Money;

/**
 * The interruption allowance of spot capacity: each interruption costs the hours a replacement takes to
 * serve again, paid on top, so {@code effective_hourly = spot_hourly × (1 + interruption_rate_per_hour ×
 * restart_overhead_hours)}. {@code rateSource} says where the rate came from (the request, or the
 * deployment's default for the provider).
 */
public record SpotAllowance(String provider, double interruptionRatePerHour, double restartOverheadHours,
                            String rateSource) {

    public static final String FROM_REQUEST = "request";
    public static final String FROM_CONFIG = "config recommender.spot.interruption-rate-per-hour.";

    /** The allowance for an offer of {@code provider}; null when the request does not price spot risk. */
    public static SpotAllowance of(RecommendationRequest.SpotRisk risk, String provider) {
        if (risk == null) {
            return null;
        }
        double overhead = risk.restartOverheadHours() == null ? 0 : risk.restartOverheadHours();
        if (risk.interruptionRatePerHour() != null) {
            return new SpotAllowance(provider, risk.interruptionRatePerHour(), overhead, FROM_REQUEST);
        }
        var defaults = risk.defaultRatePerHourByProvider();
        if (defaults != null && defaults.containsKey(provider)) {
            return new SpotAllowance(provider, defaults.get(provider), overhead, FROM_CONFIG + provider);
        }
        double fallback = defaults == null ? 0 : defaults.getOrDefault("default", 0.0);
        return new SpotAllowance(provider, fallback, overhead, FROM_CONFIG + "default");
    }

    /** {@code 1 + interruption_rate_per_hour × restart_overhead_hours}. */
    public BigDecimal factor() {
        return BigDecimal.ONE.add(BigDecimal.valueOf(interruptionRatePerHour)
                .multiply(BigDecimal.valueOf(restartOverheadHours)));
    }

    public Money effective(Money spotHourlyUsd) {
        return spotHourlyUsd.times(factor());
    }
}
