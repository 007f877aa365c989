package dev.inferplan.runner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.TestModels;
import dev.inferplan.runner.execution.OrtRuntime;
import dev.inferplan.runner.execution.ProviderOptions;
import dev.inferplan.runner.hardware.HardwareProbe;
import dev.inferplan.runner.models.ModelCache;
import dev.inferplan.runner.sweeps.QuickSearch;
import dev.inferplan.runner.sweeps.SweepPoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick search against the full grid on the real int8 all-MiniLM-L6-v2 (Offline, batch 1–8 ×
 * concurrency 1–2, short windows): a live quick search measures fewer points and says why it stopped;
 * replayed over the grid's own figures it measures fewer points and reports the best it measured. How
 * close that is to the grid's best depends on the noise of one run, so that comparison is
 * bench/quick-search.sh's on an idle machine (and QuickSearchTest's on fixed surfaces).
 */
class QuickSearchRealModelTest {

    @TempDir
    static Path cacheDir;

    private static BenchmarkJob job(long id, boolean quick) {
        return new BenchmarkJob(id, 100 + id, TestModels.int8(), TestModels.INT8_SHA256, Scenario.OFFLINE,
                List.of(1, 2, 4, 8), List.of(1, 2), List.of(1), 32, Map.of(), 0.9, 0, 0, List.of(ExecutionProvider.CPU),
                false, 1, new BenchmarkJob.Tuning(1, 0.3, 0.2), 0, ProviderOptions.DEFAULT, null, quick);
    }

    @Test
    void quickSearchMeasuresFewerPointsThanTheGridAndChoosesItsBestOrWithinTheTolerance() {
        JobExecutor executor = new JobExecutor(new ModelCache(cacheDir, ArtifactUriPolicy.unrestricted()),
                new OrtRuntime(), new HardwareProbe("test-pool", "aws/c7i.large").detect(), "benchmark-runner test");
        JobOutcome grid = executor.execute(job(51, false), new Jobs.QuietControl());
        JobOutcome quick = executor.execute(job(52, true), new Jobs.QuietControl());
        assertTrue(grid.succeeded(), grid.failureReason());
        assertTrue(quick.succeeded(), quick.failureReason());
        assertEquals(8, grid.points().size());
        assertNull(grid.search(), "the grid measures every point");

        assertNotNull(quick.search());
        assertEquals("QUICK", quick.search().strategy());
        int measured = quick.search().measured().size();
        assertEquals(measured, quick.points().size(), "every point it measured is reported");
        assertTrue(measured < 8, "quick search measured " + measured + " of 8");
        assertTrue(quick.search().stoppedBecause().startsWith("throughput stopped improving")
                || quick.search().stoppedBecause().startsWith("reached the end of the sweep"), quick.search().stoppedBecause());
        assertEquals(new SweepPoint(1, 1, 1), quick.search().measured().get(0).point());

        // the choice against the grid, on the grid's own figures: the search replayed over what the grid measured
        // (two runs on a shared machine differ by more than the tolerance; one set of figures does not)
        Map<SweepPoint, PointResult> byPoint = new java.util.HashMap<>();
        grid.points().forEach(p -> byPoint.put(new SweepPoint(p.batchSize(), p.concurrency(), p.intraOpThreads()), p));
        QuickSearch.Answer<PointResult> replay = new QuickSearch<PointResult>(0.10).search(List.copyOf(byPoint.keySet()),
                point -> {
                    PointResult p = byPoint.get(point);
                    return new QuickSearch.Outcome<>(p.throughputPerS(), p.latencyMs().p99(), !p.status().equals("INVALID"),
                            p.status(), p);
                });
        PointResult gridBest = grid.points().stream().filter(p -> !p.status().equals("INVALID"))
                .max(Comparator.comparingDouble(PointResult::throughputPerS)).orElseThrow();
        System.out.printf("quick search (live): %d of 8 points, chose %s; replayed over the grid: %d of 8, chose %s at %.1f/s;"
                + " grid best batch %d conc %d at %.1f/s; %s%n", measured, quick.search().best(), replay.measured().size(),
                replay.bestPoint(), replay.best().throughputPerS(), gridBest.batchSize(), gridBest.concurrency(),
                gridBest.throughputPerS(), replay.stoppedBecause());
        assertTrue(replay.measured().size() < 8, "replayed: " + replay.measured().size() + " of 8");
        PointResult bestMeasured = replay.results().stream().filter(p -> !p.status().equals("INVALID"))
                .max(Comparator.comparingDouble(PointResult::throughputPerS)).orElseThrow();
        assertEquals(bestMeasured.throughputPerS(), replay.best().throughputPerS(),
                "the search reports the best point it measured");
        // Whether the hill climb reaches the grid's best (or within 10% of it) depends on how noisy the
        // surface is; on a shared 2-core machine one run's figures are noisy enough to mislead it (689 vs
        // 763/s seen in CI). That property is QuickSearchTest's on fixed surfaces and bench/quick-search.sh's
        // on an idle machine, not a per-run assertion here.
    }
}
