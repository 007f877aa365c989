package dev.inferplan.runner.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

class QuickSearchTest {

    private static List<SweepPoint> grid(List<Integer> batches, List<Integer> streams, List<Integer> threads) {
        List<SweepPoint> points = new ArrayList<>();
        threads.forEach(t -> batches.forEach(b -> streams.forEach(c -> points.add(new SweepPoint(b, c, t)))));
        return points;
    }

    private static QuickSearch.Probe<SweepPoint> surface(ToDoubleFunction<SweepPoint> throughput, double boundMs) {
        return p -> {
            double p99 = p.batchSize() * 2.0 * p.concurrency();
            return new QuickSearch.Outcome<>(throughput.applyAsDouble(p), p99, p99 <= boundMs, "VALID", p);
        };
    }

    @Test
    void climbsToTheBestPointOfASmoothSurfaceMeasuringFewerPointsThanTheGrid() {
        // throughput peaks at batch 16, concurrency 2, threads 2 (a concave surface in log space)
        List<SweepPoint> grid = grid(List.of(1, 2, 4, 8, 16, 32, 64), List.of(1, 2, 4, 8), List.of(1, 2, 4));
        ToDoubleFunction<SweepPoint> throughput = p -> 1000 - 10 * Math.pow(log2(p.batchSize()) - 4, 2)
                - 40 * Math.pow(log2(p.concurrency()) - 1, 2) - 30 * Math.pow(log2(p.intraOpThreads()) - 1, 2);
        QuickSearch.Answer<SweepPoint> answer = new QuickSearch<SweepPoint>(0.0).search(grid, surface(throughput, 1e9));
        assertEquals(new SweepPoint(16, 2, 2), answer.bestPoint(), "the grid's best");
        assertTrue(answer.measured().size() < grid.size() / 3, answer.measured().size() + " of " + grid.size());
        assertTrue(answer.stoppedBecause().startsWith("throughput stopped improving: the best step from batch 16,"
                + " concurrency 2, threads 2"), answer.stoppedBecause());
        assertEquals(new SweepPoint(1, 1, 1), answer.measured().get(0).point(), "it starts at the smallest values");
    }

    @Test
    void stopsWhereEveryStepCrossesTheLatencyBound() {
        // throughput grows with batch and concurrency; p99 = 2 ms × batch × concurrency, bound 16 ms
        List<SweepPoint> grid = grid(List.of(1, 2, 4, 8, 16), List.of(1, 2, 4), List.of(2));
        QuickSearch.Answer<SweepPoint> answer = new QuickSearch<SweepPoint>(0.05).search(grid,
                surface(p -> 100.0 * p.batchSize() * Math.sqrt(p.concurrency()), 16));
        assertEquals(new SweepPoint(8, 1, 2), answer.bestPoint());
        assertTrue(answer.stoppedBecause().startsWith("the latency bound was crossed (or the run invalid) at every step"
                + " from batch 8, concurrency 1, threads 2"), answer.stoppedBecause());
        assertTrue(answer.measured().stream().allMatch(s -> grid.contains(s.point())));
    }

    @Test
    void aSmallGainWithinTheStabilityToleranceIsNoise() {
        List<SweepPoint> grid = grid(List.of(1, 2, 4), List.of(1), List.of(1));
        QuickSearch.Answer<SweepPoint> answer = new QuickSearch<SweepPoint>(0.10).search(grid,
                surface(p -> 100 + p.batchSize(), 1e9));
        assertEquals(2, answer.measured().size(), "batch 2 is only 1% better: it stops there");
        assertEquals(new SweepPoint(2, 1, 1), answer.bestPoint(), "still the best it measured");
    }

    private static double log2(int v) {
        return Math.log(v) / Math.log(2);
    }
}
