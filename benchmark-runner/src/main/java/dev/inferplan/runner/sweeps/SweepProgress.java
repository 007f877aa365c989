package dev.inferplan.runner.sweeps;

import java.time.Duration;
import java.util.Locale;

/**
 * "point i of n, x %, ETA" for long runs: the estimate assumes the remaining points take as long
 * as the finished ones did on average, and a point's windows count toward it as they close.
 */
public record SweepProgress(int point, int points, double percent, long etaSeconds) {

    /**
     * @param point            1-based point in progress
     * @param fractionOfPoint  how far the current point is (0–1)
     * @param elapsedNanos     since the sweep started
     */
    public static SweepProgress of(int point, int points, double fractionOfPoint, long elapsedNanos) {
        double done = Math.min(points, (point - 1) + Math.max(0, Math.min(1, fractionOfPoint)));
        double percent = points == 0 ? 100 : 100.0 * done / points;
        long eta = done <= 0 ? -1 : Math.round(elapsedNanos / 1e9 / done * (points - done));
        return new SweepProgress(point, points, Math.round(percent * 10) / 10.0, eta);
    }

    public String describe() {
        String eta = etaSeconds < 0 ? "ETA unknown" : "ETA " + format(Duration.ofSeconds(etaSeconds));
        return String.format(Locale.ROOT, "point %d of %d, %.1f %%, %s", point, points, percent, eta);
    }

    private static String format(Duration d) {
        return d.toHours() > 0 ? String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}
