package dev.inferplan.runner.sweeps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Triton Model Analyzer's quick search, over the sweep's own values: hill climbing on batch size ×
 * concurrency × intra-op threads. It starts at the smallest value of each, measures the next value
 * up and down of each dimension, moves to the best of them while throughput improves by more than
 * {@code minGain} (the stability tolerance: less is noise), and stops when it does not, when every
 * step from here crosses the latency bound, or at the end of the sweep. It says which points it
 * measured and why it stopped; the grid measures them all.
 */
public final class QuickSearch<R> {

    /** Measures one point: its throughput (samples/s), p99, and whether it counts (valid, within the bound). */
    public interface Probe<R> {
        Outcome<R> measure(SweepPoint point);
    }

    /** {@code withinBound}: valid and its p99 within the latency bound (when there is one). */
    public record Outcome<R>(double throughputPerS, double p99Ms, boolean withinBound, String status, R result) {
    }

    public record Step(SweepPoint point, double throughputPerS, double p99Ms, String status) {
    }

    /** {@code best} null when no point measured was within the bound. */
    public record Answer<R>(SweepPoint bestPoint, R best, List<Step> measured, List<R> results, String stoppedBecause) {
    }

    private final double minGain;

    public QuickSearch(double minGain) {
        this.minGain = minGain;
    }

    public Answer<R> search(List<SweepPoint> grid, Probe<R> probe) {
        List<Integer> batches = new ArrayList<>(new TreeSet<>(grid.stream().map(SweepPoint::batchSize).toList()));
        List<Integer> streams = new ArrayList<>(new TreeSet<>(grid.stream().map(SweepPoint::concurrency).toList()));
        List<Integer> threads = new ArrayList<>(new TreeSet<>(grid.stream().map(SweepPoint::intraOpThreads).toList()));
        Map<SweepPoint, Outcome<R>> measured = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        int[] at = {0, 0, 0};
        Outcome<R> current = measure(new SweepPoint(batches.get(0), streams.get(0), threads.get(0)), probe, measured, steps);
        String stopped;
        while (true) {
            int[] bestMove = null;
            Outcome<R> bestNeighbour = null;
            int tried = 0;
            int crossed = 0;
            for (int dimension = 0; dimension < 3; dimension++) {
                for (int delta : new int[] {1, -1}) {
                    int[] next = at.clone();
                    next[dimension] += delta;
                    int size = dimension == 0 ? batches.size() : dimension == 1 ? streams.size() : threads.size();
                    if (next[dimension] < 0 || next[dimension] >= size) {
                        continue;
                    }
                    SweepPoint point = new SweepPoint(batches.get(next[0]), streams.get(next[1]), threads.get(next[2]));
                    if (measured.containsKey(point)) {
                        continue;
                    }
                    tried++;
                    Outcome<R> outcome = measure(point, probe, measured, steps);
                    if (!outcome.withinBound()) {
                        crossed++;
                    } else if (bestNeighbour == null || outcome.throughputPerS() > bestNeighbour.throughputPerS()) {
                        bestNeighbour = outcome;
                        bestMove = next;
                    }
                }
            }
            if (tried == 0) {
                stopped = "reached the end of the sweep: every neighbouring point was measured";
                break;
            }
            if (bestNeighbour == null) {
                stopped = String.format(Locale.ROOT, "the latency bound was crossed (or the run invalid) at every step"
                        + " from batch %d, concurrency %d, threads %d (%d tried)", batches.get(at[0]), streams.get(at[1]),
                        threads.get(at[2]), crossed);
                break;
            }
            double base = current.withinBound() ? current.throughputPerS() : 0;
            if (bestNeighbour.throughputPerS() <= base * (1 + minGain)) {
                stopped = String.format(Locale.ROOT, "throughput stopped improving: the best step from batch %d,"
                        + " concurrency %d, threads %d gave %.2f/s against %.2f/s (needs more than +%.0f%%)",
                        batches.get(at[0]), streams.get(at[1]), threads.get(at[2]), bestNeighbour.throughputPerS(), base,
                        minGain * 100);
                break;
            }
            at = bestMove;
            current = bestNeighbour;
        }
        Map.Entry<SweepPoint, Outcome<R>> best = measured.entrySet().stream().filter(e -> e.getValue().withinBound())
                .max((a, b) -> Double.compare(a.getValue().throughputPerS(), b.getValue().throughputPerS())).orElse(null);
        return new Answer<>(best == null ? null : best.getKey(), best == null ? null : best.getValue().result(), steps,
                measured.values().stream().map(Outcome::result).toList(), stopped);
    }

    private static <R> Outcome<R> measure(SweepPoint point, Probe<R> probe, Map<SweepPoint, Outcome<R>> measured,
                                          List<Step> steps) {
        Outcome<R> outcome = probe.measure(point);
        measured.put(point, outcome);
        steps.add(new Step(point, outcome.throughputPerS(), outcome.p99Ms(), outcome.status()));
        return outcome;
    }
}
