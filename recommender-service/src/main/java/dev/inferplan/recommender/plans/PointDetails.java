package dev.inferplan.recommender.plans;

import java.util.List;
import java.util.Optional;

/**
 * What a measured point carries beyond the evidence stream (the catalog's StreamBenchmarkEvidence sends
 * neither): its full latency histogram (HdrHistogram's compressed encoding) and its stability windows.
 * Read only for the few plans that need them (a cascade's two points, the top plans' stability).
 */
public interface PointDetails {

    /** Nothing beyond the evidence: cascades fall back to percentiles, stability to no spread. */
    PointDetails NONE = new PointDetails() {
        @Override
        public Optional<byte[]> latencyHistogram(long resultId) {
            return Optional.empty();
        }

        @Override
        public List<Window> windows(long modelVersionId, long resultId) {
            return List.of();
        }
    };

    Optional<byte[]> latencyHistogram(long resultId);

    /** The point's measurement windows (empty: none known, e.g. published evidence). */
    List<Window> windows(long modelVersionId, long resultId);

    /** One measurement window of a point: its throughput and p99. */
    record Window(double throughputPerS, double p99Ms) {
    }
}
