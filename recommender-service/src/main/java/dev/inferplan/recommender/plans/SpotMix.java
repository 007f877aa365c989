package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.inferplan.contracts.money.Money;

/**
 * An on-demand floor with spot above it: of the billed replicas,
 * {@code on_demand = ceil(billed × floor_percent / 100)} stay on demand (capacity the provider cannot
 * reclaim), the rest run on spot; {@code monthly = (on_demand × od_hourly + spot × spot_hourly) × 730}.
 */
public record SpotMix(int onDemandReplicas, int spotReplicas, Money onDemandHourlyUsd, Money spotHourlyUsd) {

    public static SpotMix of(int replicasBilled, double onDemandFloorPercent, Money onDemandHourlyUsd,
                             Money spotHourlyUsd) {
        int onDemand = BigDecimal.valueOf(replicasBilled).multiply(BigDecimal.valueOf(onDemandFloorPercent))
                .divide(BigDecimal.valueOf(100), 10, RoundingMode.HALF_EVEN)
                .setScale(0, RoundingMode.CEILING).intValueExact();
        onDemand = Math.min(replicasBilled, onDemand);
        return new SpotMix(onDemand, replicasBilled - onDemand, onDemandHourlyUsd, spotHourlyUsd);
    }

    public Money monthlyCost() {
        return Sizing.monthlyCost(onDemandReplicas, onDemandHourlyUsd).plus(Sizing.monthlyCost(spotReplicas, spotHourlyUsd));
    }
}
