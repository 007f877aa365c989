package dev.inferplan.runner.scenarios;

import dev.inferplan.contracts.benchmarks.Scenario;

/**
 * How long and how much a point is measured, and when its figures count (docs/measurement.md).
 *
 * @param minDurationSeconds  the run lasts at least this long (MLPerf certified runs: 600 s)
 * @param minQueries          queries needed for the percentile claim (samples for Offline)
 * @param windowSeconds       measurement window (perf_analyzer: 5 s); stretched so that
 *                            {@link #stableWindows} windows cover the minimum duration
 * @param maxWindows          trials before a point that never stabilizes is marked unstable
 * @param stableWindows       consecutive windows compared by the stability rule
 * @param stabilityTolerance  max/min of throughput and p99 over those windows
 * @param warmupSeconds       load before measuring, excluded from every figure
 * @param maxGeneratorLagP99Us a Server run whose own generator is later than this is invalid
 * @param drainTimeoutSeconds how long queued Server queries may take to finish after the last arrival
 * @param generator           how the Server scenario's generator keeps its schedule
 */
public record RunRules(double minDurationSeconds, long minQueries, double windowSeconds, int maxWindows,
                       int stableWindows, double stabilityTolerance, double warmupSeconds,
                       long maxGeneratorLagP99Us, double drainTimeoutSeconds, Generator generator) {

    public static final double PERF_ANALYZER_WINDOW_SECONDS = 5.0;

    /**
     * The Server generator's means of keeping time.
     *
     * @param spinUs           it sleeps until this long before each arrival and spins the rest
     *                         ({@link ArrivalPacer}): more than the machine's wake-up overshoot, little
     *                         enough not to take a core from the model
     * @param realtimePriority SCHED_FIFO priority it asks for, so that a woken generator preempts the
     *                         model's threads instead of queueing behind them ({@link GeneratorScheduling});
     *                         0: the default policy
     */
    public record Generator(long spinUs, int realtimePriority) {

        /**
         * parkNanos overshoot on the 2-core reference VM was p50 ~90 µs, p99 ~135 µs idle; priority 1 is
         * above every normal thread and below the kernel's own real-time threads (docs/benchmarks.md).
         */
        public static final Generator DEFAULT = new Generator(200, 1);

        public Generator {
            if (spinUs < 0) {
                throw new IllegalArgumentException("the generator's spin margin cannot be negative: " + spinUs + " µs");
            }
            if (realtimePriority < 0 || realtimePriority > 99) {
                throw new IllegalArgumentException("a real-time priority is 1–99 (0: off), got " + realtimePriority);
            }
        }
    }

    public RunRules {
        if (maxWindows < stableWindows || stableWindows < 1) {
            throw new IllegalArgumentException("maxWindows must be at least stableWindows (>= 1)");
        }
        if (generator == null) {
            throw new IllegalArgumentException("the generator's settings are required");
        }
    }

    /** MLPerf's minimum query count, perf_analyzer's windows and stability rule, 1 ms generator lag. */
    public static RunRules of(Scenario scenario, double minDurationSeconds) {
        return new RunRules(minDurationSeconds, scenario.minQueries(), PERF_ANALYZER_WINDOW_SECONDS,
                10, 3, 1.10, 2.0, 1_000, 30.0, Generator.DEFAULT);
    }

    public RunRules withMinQueries(long queries) {
        return new RunRules(minDurationSeconds, queries, windowSeconds, maxWindows, stableWindows,
                stabilityTolerance, warmupSeconds, maxGeneratorLagP99Us, drainTimeoutSeconds, generator);
    }

    public RunRules withWindowSeconds(double seconds) {
        return new RunRules(minDurationSeconds, minQueries, seconds, maxWindows, stableWindows,
                stabilityTolerance, warmupSeconds, maxGeneratorLagP99Us, drainTimeoutSeconds, generator);
    }

    public RunRules withWarmupSeconds(double seconds) {
        return new RunRules(minDurationSeconds, minQueries, windowSeconds, maxWindows, stableWindows,
                stabilityTolerance, seconds, maxGeneratorLagP99Us, drainTimeoutSeconds, generator);
    }

    public RunRules withMinDurationSeconds(double seconds) {
        return new RunRules(seconds, minQueries, windowSeconds, maxWindows, stableWindows,
                stabilityTolerance, warmupSeconds, maxGeneratorLagP99Us, drainTimeoutSeconds, generator);
    }

    public RunRules withGenerator(Generator settings) {
        return new RunRules(minDurationSeconds, minQueries, windowSeconds, maxWindows, stableWindows,
                stabilityTolerance, warmupSeconds, maxGeneratorLagP99Us, drainTimeoutSeconds, settings);
    }

    /** The window actually used: long enough that {@code stableWindows} of them span the minimum duration. */
    public double effectiveWindowSeconds() {
        return Math.max(windowSeconds, minDurationSeconds / stableWindows);
    }
}
