package dev.inferplan.recommender.plans;

import java.util.ArrayList;
import java.util.List;

/**
 * The plans no other plan beats on every axis: cost ↓, quality ↑, latency ↓.
 *
 * <p>Sorted once by cost (ties: quality ↓, latency ↑), which is O(n log n); a plan can then only be
 * dominated by one before it. The 2-D cost–quality front is the running maximum of quality along that
 * order (one pass). The 3-D front keeps a plan unless a plan already on the front is at least as good
 * on all three axes (a plan dominated by any plan is dominated by one on the front), O(n × front size).
 * Plans equal on all three axes are reported once (the first in that order).
 */
public final class ParetoFrontier {

    private ParetoFrontier() {
    }

    /** One point of the frontier, ready to plot; {@code costQualityFront} marks the 2-D front. */
    public record Point(Plan plan, double monthlyCostUsd, double quality, double latencyMs, boolean costQualityFront) {
    }

    /** {@code qualityHigherIsBetter} false: a lower metric value is better. */
    public static List<Point> of(List<Plan> plans, boolean qualityHigherIsBetter) {
        List<Entry> entries = new ArrayList<>(plans.size());
        for (Plan plan : plans) {
            entries.add(new Entry(new Point(plan, plan.monthlyCostUsd().usd().doubleValue(),
                    plan.qualityAxis(qualityHigherIsBetter), plan.latencyMs(), false)));
        }
        entries.sort(null);
        List<Point> front = new ArrayList<>();
        double bestQuality = Double.NEGATIVE_INFINITY;
        for (Entry entry : entries) {
            Point point = entry.point;
            boolean onCostQuality = point.quality() > bestQuality;
            if (onCostQuality) {
                bestQuality = point.quality();
            }
            if (onCostQuality || !dominatedByAny(front, point)) {
                front.add(new Point(point.plan(), point.monthlyCostUsd(), point.quality(), point.latencyMs(),
                        onCostQuality));
            }
        }
        return front;
    }

    private static boolean dominatedByAny(List<Point> front, Point point) {
        for (Point kept : front) {
            if (dominatesOrEquals(kept, point)) {
                return true;
            }
        }
        return false;
    }

    /** Cost ↑, quality ↓, latency ↑, then the plan's identity (built only for plans tied on all three). */
    private static final class Entry implements Comparable<Entry> {

        private final Point point;
        private String key;

        Entry(Point point) {
            this.point = point;
        }

        @Override
        public int compareTo(Entry other) {
            int c = Double.compare(point.monthlyCostUsd(), other.point.monthlyCostUsd());
            if (c == 0) {
                c = Double.compare(other.point.quality(), point.quality());
            }
            if (c == 0) {
                c = Double.compare(point.latencyMs(), other.point.latencyMs());
            }
            return c != 0 ? c : key().compareTo(other.key());
        }

        private String key() {
            if (key == null) {
                key = point.plan().key();
            }
            return key;
        }
    }

    static boolean dominatesOrEquals(Point a, Point b) {
        return a.monthlyCostUsd() <= b.monthlyCostUsd() && a.quality() >= b.quality() && a.latencyMs() <= b.latencyMs();
    }
}
