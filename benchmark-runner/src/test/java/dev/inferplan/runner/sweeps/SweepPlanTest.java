package dev.inferplan.runner.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.BenchmarkFailure;

import org.junit.jupiter.api.Test;

class SweepPlanTest {

    @Test
    void batchTimesConcurrencyTimesThreadsWithOneSessionPerThreadCount() {
        SweepPlan plan = SweepPlan.of(Scenario.OFFLINE, List.of(1, 8), List.of(1, 2), List.of(1, 2), 10, 0, 0);
        assertEquals(8, plan.points().size());
        assertEquals(new SweepPoint(1, 1, 1), plan.points().get(0));
        assertEquals(new SweepPoint(8, 2, 1), plan.points().get(3));
        assertEquals(new SweepPoint(1, 1, 2), plan.points().get(4));
    }

    @Test
    void defaultsAreOneStreamOfOneSampleAndEightForMultiStream() {
        assertEquals(List.of(new SweepPoint(1, 1, 0)), SweepPlan.of(Scenario.SINGLE_STREAM, List.of(), List.of(), List.of(), 5, 0, 0).points());
        assertEquals(List.of(new SweepPoint(8, 1, 0)), SweepPlan.of(Scenario.MULTI_STREAM, List.of(), List.of(), List.of(), 5, 0, 0).points());
    }

    private static String refusal(Runnable plan) {
        BenchmarkFailure failure = assertThrows(BenchmarkFailure.class, plan::run);
        assertEquals(BenchmarkFailure.Kind.IMPOSSIBLE_SWEEP, failure.kind());
        return failure.getMessage();
    }

    @Test
    void impossibleSweepsAreRefusedWithTheReason() {
        assertTrue(refusal(() -> SweepPlan.of(Scenario.SINGLE_STREAM, List.of(8), List.of(), List.of(), 5, 0, 0))
                .contains("SingleStream issues one sample at a time"));
        assertTrue(refusal(() -> SweepPlan.of(Scenario.MULTI_STREAM, List.of(8), List.of(4), List.of(), 5, 0, 0))
                .contains("concurrency must be [1]"));
        assertTrue(refusal(() -> SweepPlan.of(Scenario.SERVER, List.of(), List.of(), List.of(), 5, 0, 0))
                .contains("needs a target QPS, or a latency bound"));
        assertTrue(refusal(() -> SweepPlan.of(Scenario.OFFLINE, List.of(0), List.of(), List.of(), 5, 0, 0))
                .contains("batch size 0 is outside 1–1024"));
        assertTrue(refusal(() -> SweepPlan.of(Scenario.OFFLINE, List.of(), List.of(2000), List.of(), 5, 0, 0))
                .contains("concurrency 2000"));
        assertTrue(refusal(() -> SweepPlan.of(Scenario.OFFLINE, List.of(), List.of(), List.of(), 0, 0, 0))
                .contains("duration must be above 0"));
        List<Integer> many = Collections.nCopies(20, 1);
        assertTrue(refusal(() -> SweepPlan.of(Scenario.OFFLINE, many, many, List.of(), 5, 0, 0))
                .contains("400 points, at most 256"));
    }
}
