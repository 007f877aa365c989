package dev.inferplan.runner.scenarios;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Arrival times of the Server scenario: a Poisson process at the target rate, fixed in advance
 * from a seed. Within each window the process is conditioned on its count: that many arrivals
 * placed uniformly and sorted (the order statistics of a Poisson process given its count), so
 * inter-arrival times are exponential and the offered rate equals the target exactly instead of
 * wandering by 1/sqrt(n).
 */
public final class PoissonSchedule {

    private final double qps;
    private final long windowNanos;
    private final SplittableRandom random;
    private int window;

    public PoissonSchedule(double qps, long windowNanos, long seed) {
        if (!(qps > 0) || windowNanos <= 0) {
            throw new IllegalArgumentException("rate and window must be positive");
        }
        this.qps = qps;
        this.windowNanos = windowNanos;
        this.random = new SplittableRandom(seed);
    }

    /**
     * The next window's arrivals as offsets from the schedule's start, in nanoseconds, ascending.
     * Counts are rounded cumulatively, so n windows hold round(qps × n × window) arrivals.
     */
    public long[] nextWindow() {
        int k = window++;
        double seconds = windowNanos / 1e9;
        long count = Math.round(qps * seconds * (k + 1)) - Math.round(qps * seconds * k);
        long start = k * windowNanos;
        long[] arrivals = new long[Math.toIntExact(count)];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = start + (long) (random.nextDouble() * windowNanos);
        }
        Arrays.sort(arrivals);
        return arrivals;
    }

    public long windowNanos() {
        return windowNanos;
    }
}
