package dev.inferplan.runner.execution;

import java.util.List;
import java.util.Locale;

/**
 * The integrity check (docs/measurement.md): a fixed input's outputs must be finite, repeat run to run,
 * and, on an accelerator, match the CPU provider's within a tolerance, so a broken provider or
 * quantization cannot post fast wrong numbers.
 */
public record OutputCheck(boolean passed, String detail) {

    /** Absolute tolerance, relative to the largest reference magnitude (GPU kernels reorder sums). */
    static final double RELATIVE_TOLERANCE = 1e-2;

    public static OutputCheck compare(float[] reference, List<float[]> runs, String referenceName) {
        if (reference.length == 0) {
            return new OutputCheck(true, "skipped: the first output is not a float tensor");
        }
        double scale = 0;
        for (float v : reference) {
            if (!Float.isFinite(v)) {
                return new OutputCheck(false, "the " + referenceName + " output holds " + v);
            }
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (float[] run : runs) {
            if (run.length != reference.length) {
                return new OutputCheck(false, "output has " + run.length + " values, the " + referenceName + " " + reference.length);
            }
            for (int i = 0; i < run.length; i++) {
                if (!Float.isFinite(run[i])) {
                    return new OutputCheck(false, "output value " + i + " is " + run[i]);
                }
                worst = Math.max(worst, Math.abs(run[i] - reference[i]));
            }
        }
        double allowed = RELATIVE_TOLERANCE * Math.max(scale, 1e-6);
        String detail = String.format(Locale.ROOT, "%d values, max |Δ| %.3g vs %s (allowed %.3g)",
                reference.length, worst, referenceName, allowed);
        return new OutputCheck(worst <= allowed, detail);
    }
}
