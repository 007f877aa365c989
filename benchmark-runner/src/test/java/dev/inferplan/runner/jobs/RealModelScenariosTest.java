package dev.inferplan.runner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.TestModels;
import dev.inferplan.runner.execution.OrtRuntime;
import dev.inferplan.runner.hardware.HardwareProbe;
import dev.inferplan.runner.models.ModelCache;
import dev.inferplan.runner.sweeps.CapacitySearch;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Server capacity search and MultiStream end to end through {@link JobExecutor} on the real int8
 * all-MiniLM-L6-v2 (short windows, no MLPerf minimum: the figures are not asserted, the rules are).
 */
class RealModelScenariosTest {

    @TempDir
    static Path cacheDir;
    private static JobExecutor executor;

    @BeforeAll
    static void runtime() {
        executor = new JobExecutor(new ModelCache(cacheDir, ArtifactUriPolicy.unrestricted()), new OrtRuntime(),
                new HardwareProbe("test-pool", "aws/c7i.large").detect(), "benchmark-runner test");
    }

    private static BenchmarkJob job(long id, Scenario scenario, int batch, double targetQps, double boundMs) {
        return new BenchmarkJob(id, 100 + id, TestModels.int8(), TestModels.INT8_SHA256, scenario, List.of(batch),
                List.of(1), List.of(1), 32, Map.of(), 0.9, targetQps, boundMs, List.of(ExecutionProvider.CPU), false, 1,
                new BenchmarkJob.Tuning(20, 0.3, 0.2));
    }

    @Test
    void serverCapacitySearchFindsTheHighestRateUnderTheBoundOnTheRealModel() {
        // a generous bound: the search is bounded by the closed-loop capacity, not by the latency
        JobOutcome outcome = executor.execute(job(41, Scenario.SERVER, 1, 0, 1_000), new Jobs.QuietControl());
        assertTrue(outcome.succeeded(), outcome.failureReason());
        PointResult p = outcome.points().get(0);
        List<CapacitySearch.Step> steps = p.capacitySearch();
        assertNotNull(steps, "a Server job without a target QPS searches");
        assertFalse(steps.isEmpty());
        // the point reported is the highest rate that met the bound, and it met it
        double best = steps.stream().filter(CapacitySearch.Step::meetsBound).mapToDouble(CapacitySearch.Step::qps).max()
                .orElseThrow();
        assertEquals(best, p.targetQps(), 1e-9);
        assertTrue(p.latencyMs().p99() <= 1_000, "p99 " + p.latencyMs().p99());
        // every rate above it that was tried missed the bound (or its run was invalid)
        assertTrue(steps.stream().filter(s -> s.qps() > best).noneMatch(CapacitySearch.Step::meetsBound), steps::toString);
        assertTrue(steps.stream().allMatch(s -> s.p99Ms() > 0), "each step with its p99: " + steps);
        assertEquals("SERVER", p.scenario());
        assertTrue(p.generatorScheduling() != null, "the generator's policy is recorded");
    }

    @Test
    void multiStreamIsOneStreamOfEightSampleQueriesWithTheP99OfQueries() {
        JobOutcome outcome = executor.execute(job(42, Scenario.MULTI_STREAM, 8, 0, 0), new Jobs.QuietControl());
        assertTrue(outcome.succeeded(), outcome.failureReason());
        PointResult p = outcome.points().get(0);
        assertEquals("MULTI_STREAM", p.scenario());
        assertEquals(8, p.batchSize());
        assertEquals(1, p.concurrency());
        assertEquals(p.queries() * 8, p.samples(), "each query carries 8 samples");
        assertEquals(List.of(8L, 32L), p.inputShapes().get("input_ids"), "one batched run of 8 per query");
        assertTrue(p.latencyMs().p99() >= p.latencyMs().p50() && p.latencyMs().p99() > 0);
        // a quick look (20 queries) is not MLPerf's 662, but 8 samples per query is MLPerf's MultiStream
        assertFalse(p.mlperfCompliant());
        assertTrue(p.mlperfRuleBroken().contains("minQueries 20 below MLPerf's 662 queries for MULTI_STREAM"),
                p.mlperfRuleBroken());
        assertFalse(p.mlperfRuleBroken().contains("samples per query"), p.mlperfRuleBroken());

        PointResult four = executor.execute(job(43, Scenario.MULTI_STREAM, 4, 0, 0), new Jobs.QuietControl()).points().get(0);
        assertTrue(four.mlperfRuleBroken().contains("4 samples per query, MLPerf's MULTI_STREAM has 8"),
                four.mlperfRuleBroken());
    }
}
