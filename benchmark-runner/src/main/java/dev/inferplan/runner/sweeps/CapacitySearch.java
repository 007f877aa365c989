package dev.inferplan.runner.sweeps;

import java.util.ArrayList;
import java.util.List;

/**
 * Server capacity (docs/measurement.md): binary search for the highest QPS whose run meets the latency
 * bound, to a relative precision (1%). The upper end comes from the closed-loop throughput the
 * point reached, since an open loop cannot sustain more than the system completes.
 */
public final class CapacitySearch<R> {

    /** Runs the Server scenario at a rate and tells whether it met the bound, with its result. */
    public interface Probe<R> {
        Outcome<R> run(double qps);
    }

    /**
     * {@code p99Ms}: the latency the bound was checked against (0 when not known); {@code missedBecause}:
     * the rules a missed run broke (null when it met the bound or the probe does not say).
     */
    public record Outcome<R>(boolean meetsBound, R result, double p99Ms, String missedBecause) {
        public Outcome(boolean meetsBound, R result) {
            this(meetsBound, result, 0, null);
        }
    }

    public record Step(double qps, boolean meetsBound, double p99Ms) {
    }

    /**
     * {@code bestQps} 0 and {@code best} null when even the lowest rate tried misses the bound;
     * {@code firstMiss}/{@code lastMiss}: why the first and the last probe that missed did.
     */
    public record Answer<R>(double bestQps, R best, List<Step> steps, String firstMiss, String lastMiss) {
    }

    private final double precision;
    private final int maxProbes;

    public CapacitySearch(double precision, int maxProbes) {
        this.precision = precision;
        this.maxProbes = maxProbes;
    }

    public Answer<R> search(double upperQps, Probe<R> probe) {
        List<Step> steps = new ArrayList<>();
        Outcome<R> top = probe.run(upperQps);
        steps.add(new Step(upperQps, top.meetsBound(), top.p99Ms()));
        if (top.meetsBound()) {
            return new Answer<>(upperQps, top.result(), steps, null, null);
        }
        String firstMiss = top.missedBecause();
        String lastMiss = firstMiss;
        double low = 0;
        double high = upperQps;
        double bestQps = 0;
        R best = null;
        while ((high - low) > precision * high && steps.size() < maxProbes) {
            double mid = (low + high) / 2;
            Outcome<R> outcome = probe.run(mid);
            steps.add(new Step(mid, outcome.meetsBound(), outcome.p99Ms()));
            if (outcome.meetsBound()) {
                low = mid;
                bestQps = mid;
                best = outcome.result();
            } else {
                high = mid;
                lastMiss = outcome.missedBecause();
            }
        }
        return new Answer<>(bestQps, best, steps, firstMiss, lastMiss);
    }
}
