package dev.inferplan.recommender.plans;

import java.util.List;

import dev.inferplan.contracts.benchmarks.LatencyPercentile;
import dev.inferplan.recommender.snapshots.Evidence;

import org.junit.jupiter.api.Test;

import static dev.inferplan.recommender.plans.Fixtures.point;
import static dev.inferplan.recommender.plans.Fixtures.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacityTest {

    private static final List<Evidence> SWEEP = List.of(
            server(1, 10, "l4", "nvidia-l4", 1, 10, 20),
            server(2, 10, "l4", "nvidia-l4", 1, 20, 35),
            server(3, 10, "l4", "nvidia-l4", 1, 30, 60));

    @Test
    void qpsAtSloIsTheHighestMeasuredThroughputWithinTheSlo() {
        Capacity.AtSlo at = (Capacity.AtSlo) Capacity.atSlo(SWEEP, LatencyPercentile.P95, 50, false);
        assertEquals(20, at.qpsAtSlo());
        assertEquals(35, at.latencyMs());
        assertEquals(2, at.point().resultId());
        assertFalse(at.interpolated());
    }

    @Test
    void betweenTwoMeasuredPointsTheSloCrossingIsInterpolatedAndFlagged() {
        // 20 qps at 35 ms, 30 qps at 60 ms: 50 ms is reached at 20 + (50 − 35) × 10 / 25 = 26 qps
        Capacity.AtSlo at = (Capacity.AtSlo) Capacity.atSlo(SWEEP, LatencyPercentile.P95, 50, true);
        assertEquals(26, at.qpsAtSlo(), 1e-9);
        assertEquals(50, at.latencyMs());
        assertTrue(at.interpolated());
        assertEquals(List.of(2L, 3L), at.evidence().stream().map(Evidence::resultId).toList());
    }

    @Test
    void neverExtrapolatesBeyondTheHighestMeasuredPoint() {
        List<Evidence> allWithin = SWEEP.subList(0, 2);   // 35 ms at the top: no point beyond to join
        Capacity.AtSlo at = (Capacity.AtSlo) Capacity.atSlo(allWithin, LatencyPercentile.P95, 50, true);
        assertEquals(20, at.qpsAtSlo());
        assertFalse(at.interpolated());
    }

    @Test
    void interpolatesOnlyWithinOneRunConfiguration() {
        List<Evidence> twoConfigs = List.of(
                point(1, 10, "l4", "nvidia-l4", 1, "SERVER", 1, 20, 35, true, "MEASURED", List.of()),
                point(2, 10, "l4", "nvidia-l4", 1, "SERVER", 8, 30, 60, true, "MEASURED", List.of()));
        Capacity.AtSlo at = (Capacity.AtSlo) Capacity.atSlo(twoConfigs, LatencyPercentile.P95, 50, true);
        assertEquals(20, at.qpsAtSlo());
        assertFalse(at.interpolated());
    }

    @Test
    void anInvalidPointNeverCountsAsCapacity() {
        List<Evidence> withInvalid = List.of(SWEEP.get(0),
                point(9, 10, "l4", "nvidia-l4", 1, "SERVER", 1, 400, 5, false, "MEASURED", List.of()));
        Capacity.AtSlo at = (Capacity.AtSlo) Capacity.atSlo(withInvalid, LatencyPercentile.P95, 50, true);
        assertEquals(10, at.qpsAtSlo());
    }

    @Test
    void offlinePointsCountWhenTheirBatchLatencyMeetsTheSlo() {
        List<Evidence> offline = List.of(
                point(1, 10, "l4", "nvidia-l4", 1, "OFFLINE", 8, 300, 40, true, "MEASURED", List.of()),
                point(2, 10, "l4", "nvidia-l4", 1, "OFFLINE", 32, 900, 120, true, "MEASURED", List.of()));
        Capacity.AtSlo at = (Capacity.AtSlo) Capacity.atSlo(offline, LatencyPercentile.P95, 50, false);
        assertEquals(300, at.qpsAtSlo());
        assertEquals(8, at.point().batchSize());
    }

    @Test
    void noPointWithinTheSloIsAMissWithTheFastestPoint() {
        Capacity.Miss miss = assertInstanceOf(Capacity.Miss.class,
                Capacity.atSlo(SWEEP, LatencyPercentile.P95, 15, true));
        assertEquals(20, miss.latencyMs());
        assertEquals(1, miss.best().resultId());
    }

    @Test
    void batchWorkIsSizedOnTheHighestValidOfflineThroughput() {
        List<Evidence> points = List.of(
                point(1, 10, "l4", "nvidia-l4", 1, "OFFLINE", 8, 300, 40, true, "MEASURED", List.of()),
                point(2, 10, "l4", "nvidia-l4", 1, "OFFLINE", 32, 900, 120, true, "MEASURED", List.of()),
                point(3, 10, "l4", "nvidia-l4", 1, "OFFLINE", 64, 1500, 200, false, "MEASURED", List.of()),
                SWEEP.get(2));
        assertEquals(900, Capacity.offline(points, LatencyPercentile.P95).orElseThrow().qpsAtSlo());
        assertTrue(Capacity.offline(SWEEP, LatencyPercentile.P95).isEmpty());
    }
}
