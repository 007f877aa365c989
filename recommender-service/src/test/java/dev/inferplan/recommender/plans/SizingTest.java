package dev.inferplan.recommender.plans;

import java.math.BigDecimal;

import dev.inferplan.contracts.money.Money;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SizingTest {

    @ParameterizedTest(name = "peak {0} at {1} qps/replica, utilization {2}, min {3} → {4}")
    @CsvSource({
            // 60 / (30 × 0.7) = 2.857 → 3
            "60, 30, 0.7, 1, 3",
            // 42 / (60 × 0.7) = 1 exactly: no replica added for a rounding error
            "42, 60, 0.7, 1, 1",
            // 1 / (100 × 0.7) = 0.014 → 1, but the HA minimum is 2
            "1, 100, 0.7, 2, 2",
            // 20 / (30 × 0.7) = 0.952 → 1
            "20, 30, 0.7, 1, 1",
            // 100 / (10 × 1.0) = 10
            "100, 10, 1.0, 1, 10"})
    void replicasAreTheCeilingOfPeakOverUsableCapacityPerReplica(double peak, double qps, double utilization,
                                                                  int min, int expected) {
        assertEquals(expected, Sizing.replicas(peak, qps, utilization, min));
    }

    @Test
    void steadyTrafficIsBilledForPeakReplicasAutoscaledForTheAverage() {
        int peak = Sizing.replicas(60, 30, 0.7, 1);
        assertEquals(3, Sizing.replicasBilled(false, 20, peak, 30, 0.7, 1));
        assertEquals(1, Sizing.replicasBilled(true, 20, peak, 30, 0.7, 1));
        // autoscaled never below the minimum: 2 for an HA request
        assertEquals(2, Sizing.replicasBilled(true, 20, peak, 30, 0.7, 2));
    }

    @Test
    void monthlyCostIsBilledReplicasTimesHourlyTimes730() {
        // 3 × 0.0850 × 730 = 186.15
        assertEquals(Money.of("186.15"), Sizing.monthlyCost(3, Money.of("0.0850")));
        assertEquals("186.1500", Sizing.monthlyCost(3, Money.of("0.0850")).toString());
    }

    @Test
    void costPerThousandIsMonthlyCostOverMonthlyInferencesTimes1000() {
        // 20 qps × 3600 × 730 = 52 560 000 a month
        BigDecimal inferences = Sizing.monthlyInferences(20);
        assertEquals(0, new BigDecimal("52560000").compareTo(inferences));
        // 186.15 / 52 560 000 × 1000 = 0.00354166666… → 10 digits, half-even
        assertEquals(Money.of("0.0035416667"), Sizing.costPer1k(Money.of("186.15"), inferences));
        assertNull(Sizing.costPer1k(Money.of("186.15"), BigDecimal.ZERO));
    }

    @Test
    void batchWorkIsSizedForTheDeadlineAndBilledForInstanceHours() {
        // 2e7 items a day at 500 items/s: 2e7 / (500 × 3600) = 11.111… instance-hours a day;
        // within 6 hours: ceil(11.111 / 6) = 2 instances; a month: 11.111… × 730 / 24 = 337.96296…;
        // at $0.34 an hour: 114.9074074074
        Sizing.BatchSizing batch = Sizing.batch(2e7, 6, 500, Money.of("0.34"));
        assertEquals(2, batch.replicas());
        assertEquals(0, new BigDecimal("11.11111111111111").compareTo(batch.instanceHoursPerDay()));
        assertEquals(0, new BigDecimal("337.9629629629629").compareTo(batch.instanceHoursPerMonth()));
        assertEquals(Money.of("114.9074074074"), batch.monthlyCost());
        // 2e7 × 730 / 24 = 608 333 333.3… items a month
        assertEquals(0, new BigDecimal("608333333.3333333").compareTo(batch.monthlyInferences()));
    }

    @Test
    void aShortJobStillNeedsOneInstance() {
        assertEquals(1, Sizing.batch(1000, 6, 500, Money.of("1")).replicas());
    }

    @ParameterizedTest(name = "{0} billed, floor {1} % → {2} on demand + {3} spot, {4} a month")
    @CsvSource({
            // ceil(3 × 0.5) = 2 on demand, 1 spot: (2 × 0.10 + 1 × 0.03) × 730 = 167.90
            "3, 50, 2, 1, 167.90",
            // ceil(4 × 0.25) = 1, 3 spot: (0.10 + 0.09) × 730 = 138.70
            "4, 25, 1, 3, 138.70",
            // a 100 % floor is all on demand: 2 × 0.10 × 730 = 146
            "2, 100, 2, 0, 146",
            // a 0 % floor is all spot: 2 × 0.03 × 730 = 43.80
            "2, 0, 0, 2, 43.80"})
    void spotMixKeepsAnOnDemandFloor(int billed, double floor, int onDemand, int spot, String monthly) {
        SpotMix mix = SpotMix.of(billed, floor, Money.of("0.10"), Money.of("0.03"));
        assertEquals(onDemand, mix.onDemandReplicas());
        assertEquals(spot, mix.spotReplicas());
        assertEquals(Money.of(monthly), mix.monthlyCost());
    }
}
