package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import dev.inferplan.contracts.money.Money;

/**
 * The capacity and cost model's formulas, exactly as the README states them. Replica counts are
 * computed in decimal arithmetic (a double {@code 60 / (60 × 0.7)} must not round up to 2).
 */
public final class Sizing {

    /** Hours billed in a month. */
    public static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal HOURS_PER_DAY = BigDecimal.valueOf(24);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final MathContext EXACT_ENOUGH = MathContext.DECIMAL64;

    private Sizing() {
    }

    /** {@code max(min_replicas, ceil(qps / (qps_at_slo × target_utilization)))}; peak qps for {@code replicas}, average for autoscaled billing. */
    public static int replicas(double qps, double qpsAtSlo, double targetUtilization, int minReplicas) {
        BigDecimal perReplica = decimal(qpsAtSlo).multiply(decimal(targetUtilization));
        int needed = decimal(qps).divide(perReplica, EXACT_ENOUGH).setScale(0, RoundingMode.CEILING).intValueExact();
        return Math.max(minReplicas, needed);
    }

    /** Steady: billed for the peak replicas all month; autoscaled: for the replicas the average traffic needs. */
    public static int replicasBilled(boolean autoscaled, double avgQps, int peakReplicas, double qpsAtSlo,
                                     double targetUtilization, int minReplicas) {
        return autoscaled ? replicas(avgQps, qpsAtSlo, targetUtilization, minReplicas) : peakReplicas;
    }

    /** {@code replicas_billed × hourly_price × 730}. */
    public static Money monthlyCost(int replicasBilled, Money hourlyUsd) {
        return hourlyUsd.times(replicasBilled).times(HOURS_PER_MONTH);
    }

    /** {@code avg_qps × 3600 × 730}. */
    public static BigDecimal monthlyInferences(double avgQps) {
        return decimal(avgQps).multiply(SECONDS_PER_HOUR).multiply(HOURS_PER_MONTH);
    }

    /** {@code monthly_cost / monthly_inferences × 1000}; zero inferences → empty cost per 1k (null). */
    public static Money costPer1k(Money monthlyCost, BigDecimal monthlyInferences) {
        if (monthlyInferences.signum() == 0) {
            return null;
        }
        return monthlyCost.times(THOUSAND).dividedBy(monthlyInferences);
    }

    /** Batch work sized for a daily volume and a deadline. */
    public record BatchSizing(BigDecimal instanceHoursPerDay, int replicas, BigDecimal instanceHoursPerMonth,
                              Money monthlyCost, BigDecimal monthlyInferences) {
    }

    /**
     * {@code instance_hours = items_per_day / (offline_throughput × 3600)} per day; enough instances at once
     * to finish within the deadline, {@code max(1, ceil(instance_hours / deadline_hours))}; billed for the
     * instance-hours only, {@code instance_hours × 730 / 24 × hourly_price} a month.
     */
    public static BatchSizing batch(double itemsPerDay, double deadlineHours, double offlineThroughputPerS,
                                    Money hourlyUsd) {
        BigDecimal hoursPerDay = decimal(itemsPerDay)
                .divide(decimal(offlineThroughputPerS).multiply(SECONDS_PER_HOUR), EXACT_ENOUGH);
        int replicas = Math.max(1, hoursPerDay.divide(decimal(deadlineHours), EXACT_ENOUGH)
                .setScale(0, RoundingMode.CEILING).intValueExact());
        BigDecimal hoursPerMonth = hoursPerDay.multiply(HOURS_PER_MONTH).divide(HOURS_PER_DAY, EXACT_ENOUGH);
        BigDecimal itemsPerMonth = decimal(itemsPerDay).multiply(HOURS_PER_MONTH).divide(HOURS_PER_DAY, EXACT_ENOUGH);
        return new BatchSizing(hoursPerDay, replicas, hoursPerMonth, hourlyUsd.times(hoursPerMonth), itemsPerMonth);
    }

    static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value);
    }
}
