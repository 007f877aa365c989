package dev.inferplan.runner.scenarios;

import java.util.List;

/**
 * perf_analyzer's stability rule: a point is stable when, over the last {@code count} windows,
 * max/min stays within the tolerance for both throughput and p99 latency.
 */
public record StabilityRule(int count, double tolerance) {

    public boolean isStable(List<Window> windows) {
        if (windows.size() < count) {
            return false;
        }
        List<Window> last = windows.subList(windows.size() - count, windows.size());
        return withinTolerance(last.stream().mapToDouble(Window::throughputPerS).toArray())
                && withinTolerance(last.stream().mapToDouble(Window::p99Ms).toArray());
    }

    private boolean withinTolerance(double[] values) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // a window with nothing completed can never be part of a stable run
        return min > 0 && max / min <= tolerance;
    }
}
