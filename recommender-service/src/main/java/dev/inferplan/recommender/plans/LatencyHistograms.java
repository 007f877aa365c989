package dev.inferplan.recommender.plans;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The latency of a two-model cascade's path, composed from the two models' latency distributions: a
 * request the cheap model keeps pays L1, an escalated one pays L1 + L2, so the path's distribution is
 * the mixture {@code (1 − e) · D1 + e · (D1 * D2)} (D1 * D2 the convolution: every pair of recorded values
 * summed, weighted by the product of their probabilities). Percentiles are read from the composed
 * HdrHistogram, never by adding percentiles. Values in nanoseconds as the runner records them.
 */
public final class LatencyHistograms {

    /** Total weight of a composed histogram: pairs below one part in 10^12 are dropped. */
    private static final double TOTAL_COUNT = 1e12;
    private static final int SIGNIFICANT_DIGITS = 3;
    /** Quantiles drawn from a published distribution known only by its percentiles. */
    private static final int QUANTILES = 2000;

    private LatencyHistograms() {
    }

    /** p50, p95, p99 of a composed path, milliseconds. */
    public record Percentiles(double p50, double p90, double p95, double p99) {

        double at(String percentile) {
            return switch (percentile) {
                case "p50" -> p50;
                case "p90" -> p90;
                case "p95" -> p95;
                default -> p99;
            };
        }
    }

    /** Reads HdrHistogram's compressed encoding (what the runner stores and the catalog serves). */
    public static Histogram decode(byte[] compressed) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not HdrHistogram's compressed encoding", e);
        }
    }

    /** The mixture {@code (1 − e) · D1 + e · (D1 * D2)}. */
    public static Histogram cascade(Histogram d1, Histogram d2, double escalation) {
        Histogram composed = new Histogram(SIGNIFICANT_DIGITS);
        double n1 = d1.getTotalCount();
        double n2 = d2.getTotalCount();
        for (HistogramIterationValue a : d1.recordedValues()) {
            long v1 = d1.medianEquivalentValue(a.getValueIteratedTo());
            double p1 = a.getCountAtValueIteratedTo() / n1;
            record(composed, v1, (1 - escalation) * p1);
            if (escalation == 0) {
                continue;
            }
            for (HistogramIterationValue b : d2.recordedValues()) {
                long v2 = d2.medianEquivalentValue(b.getValueIteratedTo());
                record(composed, v1 + v2, escalation * p1 * b.getCountAtValueIteratedTo() / n2);
            }
        }
        return composed;
    }

    private static void record(Histogram histogram, long value, double probability) {
        long count = Math.round(probability * TOTAL_COUNT);
        if (count > 0) {
            histogram.recordValueWithCount(value, count);
        }
    }

    public static Percentiles percentiles(Histogram histogram) {
        return new Percentiles(ms(histogram, 50), ms(histogram, 90), ms(histogram, 95), ms(histogram, 99));
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /**
     * An approximation of a distribution known only by its percentiles (published evidence): its quantile
     * function taken as linear between the known points (q, latency) — (0, p50 / 2), (0.5, p50), (0.9, p90),
     * (0.95, p95), (0.99, p99) — and flat at p99 above; {@value #QUANTILES} equally likely quantiles drawn
     * from it. The tail above p99 is unknown, so a composed p99 from it is a lower bound.
     */
    public static Histogram fromPercentiles(double p50Ms, double p90Ms, double p95Ms, double p99Ms) {
        double[][] known = java.util.stream.Stream.of(new double[]{0, p50Ms / 2}, new double[]{0.5, p50Ms},
                        new double[]{0.9, p90Ms}, new double[]{0.95, p95Ms}, new double[]{0.99, p99Ms})
                .filter(point -> point[1] > 0)
                .toArray(double[][]::new);
        Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        for (int i = 0; i < QUANTILES; i++) {
            double q = (i + 0.5) / QUANTILES;
            histogram.recordValue(Math.round(quantile(known, q) * 1e6));
        }
        return histogram;
    }

    private static double quantile(double[][] known, double q) {
        if (q <= known[0][0]) {
            return known[0][1];
        }
        for (int i = 1; i < known.length; i++) {
            if (q <= known[i][0]) {
                double[] lo = known[i - 1];
                double[] hi = known[i];
                return lo[1] + (q - lo[0]) * (hi[1] - lo[1]) / (hi[0] - lo[0]);
            }
        }
        return known[known.length - 1][1];
    }
}
