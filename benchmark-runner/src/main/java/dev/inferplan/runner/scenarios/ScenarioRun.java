package dev.inferplan.runner.scenarios;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;

import org.HdrHistogram.Histogram;

/**
 * Measures one point under one scenario's rules. After a warm-up that counts for nothing, the
 * load runs in windows; the run ends at the first window where the minimum duration and query
 * count hold and the last windows agree (perf_analyzer's stability rule), or after the maximum
 * number of windows. Every figure comes from the whole measured run, in HdrHistograms.
 */
public final class ScenarioRun {

    /** Told after every window: progress reports and resource sampling hang here. */
    @FunctionalInterface
    public interface WindowListener {
        void windowClosed(Window window, int maxWindows);
    }

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Inference inference;
    private final LoadPoint point;
    private final RunRules rules;
    private final BooleanSupplier cancelled;
    private final WindowListener listener;

    public ScenarioRun(Inference inference, LoadPoint point, RunRules rules, BooleanSupplier cancelled,
                       WindowListener listener) {
        this.inference = inference;
        this.point = point;
        this.rules = rules;
        this.cancelled = cancelled;
        this.listener = listener;
    }

    public Measurement measure() {
        try {
            warmUp();
            return measureWindows();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure(Kind.CANCELLED, "interrupted while measuring", e);
        }
    }

    /** One query on this thread first, so a model that cannot run fails with its reason, then load. */
    private void warmUp() throws InterruptedException {
        try {
            inference.run();
        } catch (BenchmarkFailure e) {
            throw e;
        } catch (Exception e) {
            throw new BenchmarkFailure(Kind.INFERENCE_FAILED, "the first query failed: " + e.getMessage(), e);
        }
        if (rules.warmupSeconds() <= 0) {
            return;
        }
        ClosedLoopLoad warmup = new ClosedLoopLoad(inference, point.concurrency(), new LoadStats());
        warmup.start(System.nanoTime());
        sleepUntil(System.nanoTime() + (long) (rules.warmupSeconds() * 1e9));
        warmup.close();
    }

    private Measurement measureWindows() throws InterruptedException {
        LoadStats stats = new LoadStats();
        long windowNanos = (long) (rules.effectiveWindowSeconds() * 1e9);
        PoissonLoad poisson = point.scenario() == Scenario.SERVER
                ? new PoissonLoad(inference, point.concurrency(), point.targetQps(), windowNanos, point.seed(),
                        rules.generator(), stats)
                : null;
        Load load = poisson != null ? poisson : new ClosedLoopLoad(inference, point.concurrency(), stats);
        StabilityRule stability = new StabilityRule(rules.stableWindows(), rules.stabilityTolerance());
        Histogram total = new Histogram(3);
        Histogram interval = null;
        List<Window> windows = new ArrayList<>();
        boolean wasCancelled = false;

        long start;
        try {
            load.prepare();
            start = System.nanoTime();
            load.start(start);
        } catch (InterruptedException | RuntimeException e) {
            load.stopIssuing();
            load.close();
            throw e;
        }
        try {
            while (true) {
                long windowEnd = start + (windows.size() + 1) * windowNanos;
                wasCancelled = !sleepUntil(windowEnd);
                interval = stats.latency.getIntervalHistogram(interval);
                total.add(interval);
                Window window = new Window(windows.size() + 1, interval.getTotalCount(),
                        round(interval.getTotalCount() * (double) point.batchSize() / (windowNanos / 1e9)),
                        interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1e6);
                windows.add(window);
                listener.windowClosed(window, rules.maxWindows());
                if (wasCancelled || load.abortReason() != null || done(windows, total, start, stability)) {
                    break;
                }
            }
        } finally {
            load.stopIssuing();
        }
        boolean drained = load.awaitIdle((long) (rules.drainTimeoutSeconds() * 1e9));
        long unfinished = drained ? 0 : load.unfinished();
        load.close();

        total.add(stats.latency.getIntervalHistogram());
        long end = stats.lastCompletionNanos.get() == Long.MIN_VALUE ? System.nanoTime() : stats.lastCompletionNanos.get();
        double seconds = (end - start) / 1e9;
        long queries = total.getTotalCount();
        long samples = queries * point.batchSize();
        LatencySummary latency = LatencySummary.of(total);
        boolean server = point.scenario() == Scenario.SERVER;
        Histogram lag = stats.generatorLag.getIntervalHistogram();
        double lagP99Us = server ? lag.getValueAtPercentile(99) / 1e3 : 0;
        String scheduling = poisson == null ? null : poisson.scheduling().description();

        List<String> reasons = new ArrayList<>(Validity.reasons(new Validity.Facts(point.scenario(), seconds,
                queries, samples, stats.errors.sum(), stats.firstError(), unfinished,
                latency.p99(), point.latencyBoundMs(), lagP99Us, scheduling, wasCancelled), rules));
        if (load.abortReason() != null) {
            reasons.add(load.abortReason());
        }
        return new Measurement(point.scenario(), point.batchSize(), point.concurrency(), queries, samples,
                stats.errors.sum(), stats.firstError(), round(seconds), round(samples / seconds),
                latency, server ? LatencySummary.of(stats.service.getIntervalHistogram()) : null,
                server ? point.targetQps() : 0, server ? round(queries / seconds) : 0, round(lagP99Us),
                server ? round(lag.getMaxValue() / 1e3) : 0, scheduling,
                windows, stability.isStable(windows), reasons.isEmpty(), reasons, compressed(total));
    }

    private boolean done(List<Window> windows, Histogram total, long start, StabilityRule stability) {
        if (windows.size() >= rules.maxWindows()) {
            return true;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long counted = point.scenario().countsSamples() ? total.getTotalCount() * point.batchSize() : total.getTotalCount();
        boolean minimums = elapsed >= rules.minDurationSeconds() && counted >= rules.minQueries();
        return minimums && stability.isStable(windows);
    }

    /** Sleeps until the deadline; false when the run was cancelled meanwhile. */
    private boolean sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL_NANOS));
        }
        return !cancelled.getAsBoolean();
    }

    /** HdrHistogram's compressed encoding (what {@code Histogram.decodeFromCompressedByteBuffer} reads). */
    static byte[] compressed(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
