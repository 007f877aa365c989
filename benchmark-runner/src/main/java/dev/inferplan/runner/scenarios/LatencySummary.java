package dev.inferplan.runner.scenarios;

import org.HdrHistogram.Histogram;

/** Percentiles in milliseconds from an HdrHistogram of nanoseconds. */
public record LatencySummary(double p50, double p90, double p95, double p99, double p999, double max, double mean) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(ms(nanos.getValueAtPercentile(50)), ms(nanos.getValueAtPercentile(90)),
                ms(nanos.getValueAtPercentile(95)), ms(nanos.getValueAtPercentile(99)),
                ms(nanos.getValueAtPercentile(99.9)), ms(nanos.getMaxValue()), round(nanos.getMean() / 1e6));
    }

    /** The percentile a scenario is judged by (p90 SingleStream, p99 otherwise). */
    public double at(double percentile) {
        return percentile == 90.0 ? p90 : p99;
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double ms) {
        return Math.round(ms * 1000.0) / 1000.0;
    }
}
