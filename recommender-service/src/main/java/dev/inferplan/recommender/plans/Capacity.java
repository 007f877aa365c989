package dev.inferplan.recommender.plans;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.contracts.benchmarks.LatencyPercentile;
import dev.inferplan.recommender.snapshots.Evidence;

/**
 * {@code qps_at_slo}: the highest measured throughput whose latency at the SLO percentile stays within
 * the SLO, from the valid points of one pool (Server points, and Offline/batch points whose batch
 * latency itself meets the SLO). Never beyond the measured points; between two measured points of the
 * same run configuration (scenario, batch size, concurrency) the throughput at which latency reaches
 * the SLO is linearly interpolated when allowed, and flagged.
 */
public final class Capacity {

    private Capacity() {
    }

    /** The capacity found, or why none was. */
    public sealed interface Outcome permits AtSlo, Miss {
    }

    /**
     * The sizing point: {@code qpsAtSlo} requests per second with {@code latencyMs} at the SLO percentile,
     * at the run configuration of {@code point} (the measured point below for an interpolated figure);
     * {@code evidence} the points it rests on.
     */
    public record AtSlo(double qpsAtSlo, double latencyMs, Evidence point, List<Evidence> evidence,
                        boolean interpolated) implements Outcome {
    }

    /**
     * No valid point meets the SLO: {@code best} is the lowest latency measured; {@code latencyMs} 0 when no
     * valid point reports latency at the percentile (throughput-only published tables).
     */
    public record Miss(Evidence best, double latencyMs) implements Outcome {

        public boolean latencyKnown() {
            return latencyMs > 0;
        }
    }

    /** From valid points only; {@code points} must be non-empty and of one pool. */
    public static Outcome atSlo(List<Evidence> points, LatencyPercentile percentile, double maxMs,
                                boolean allowInterpolation) {
        List<Evidence> valid = points.stream().filter(Evidence::valid).toList();
        if (valid.isEmpty()) {
            throw new IllegalArgumentException("no valid point");
        }
        AtSlo best = null;
        for (Evidence point : valid) {
            double latency = point.latencyAt(percentile);
            if (latency > 0 && latency <= maxMs && point.throughputPerS() > 0
                    && (best == null || better(point.throughputPerS(), latency, best))) {
                best = new AtSlo(point.throughputPerS(), latency, point, List.of(point), false);
            }
        }
        if (allowInterpolation) {
            for (List<Evidence> sweep : sweeps(valid).values()) {
                for (int i = 0; i + 1 < sweep.size(); i++) {
                    Evidence low = sweep.get(i);
                    Evidence high = sweep.get(i + 1);
                    double lowLatency = low.latencyAt(percentile);
                    double highLatency = high.latencyAt(percentile);
                    if (lowLatency > 0 && lowLatency <= maxMs && highLatency > maxMs
                            && high.throughputPerS() > low.throughputPerS()) {
                        double qps = low.throughputPerS() + (maxMs - lowLatency)
                                * (high.throughputPerS() - low.throughputPerS()) / (highLatency - lowLatency);
                        if (best == null || qps > best.qpsAtSlo()) {
                            best = new AtSlo(qps, maxMs, low, List.of(low, high), qps > low.throughputPerS());
                        }
                    }
                }
            }
        }
        if (best != null) {
            return best;
        }
        Evidence fastest = valid.stream()
                .filter(p -> p.latencyAt(percentile) > 0)
                .min(Comparator.comparingDouble((Evidence p) -> p.latencyAt(percentile)))
                .orElse(valid.getFirst());
        return new Miss(fastest, fastest.latencyAt(percentile));
    }

    /** Batch work: the highest valid Offline throughput, empty when the pool has no Offline point. */
    public static Optional<AtSlo> offline(List<Evidence> points, LatencyPercentile reportedAt) {
        return points.stream()
                .filter(Evidence::valid)
                .filter(p -> "OFFLINE".equals(p.scenario()) && p.throughputPerS() > 0)
                .max(Comparator.comparingDouble(Evidence::throughputPerS)
                        .thenComparing(p -> -p.latencyAt(reportedAt)))
                .map(p -> new AtSlo(p.throughputPerS(), p.latencyAt(reportedAt), p, List.of(p), false));
    }

    private static boolean better(double qps, double latency, AtSlo than) {
        return qps > than.qpsAtSlo() || (qps == than.qpsAtSlo() && latency < than.latencyMs());
    }

    /** Points of the same run configuration, by throughput: the only pairs interpolation may join. */
    private static Map<String, List<Evidence>> sweeps(List<Evidence> valid) {
        Map<String, List<Evidence>> sweeps = new LinkedHashMap<>();
        for (Evidence point : valid) {
            sweeps.computeIfAbsent(point.scenario() + "/" + point.batchSize() + "/" + point.concurrency(),
                    k -> new ArrayList<>()).add(point);
        }
        sweeps.values().forEach(sweep -> sweep.sort(Comparator.comparingDouble(Evidence::throughputPerS)));
        return sweeps;
    }
}
