package dev.inferplan.runner.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every GPU sample of one run, summarized per GPU: mean and max utilization and memory over the
 * whole run (the last window's sample alone hides a run that peaked earlier). Fed from the window
 * listener's thread only.
 */
public final class GpuUsage {

    /** One GPU over a run: {@code samples} taken, utilization in percent, memory in MiB. */
    public record Summary(int index, int samples, double meanUtilizationPercent, int maxUtilizationPercent,
                          double meanMemoryUsedMib, long maxMemoryUsedMib) {
    }

    private static final class Totals {
        int samples;
        long utilizationSum;
        int utilizationMax;
        long memorySum;
        long memoryMax;
    }

    private final Map<Integer, Totals> byGpu = new TreeMap<>();

    public void add(List<ResourceSampler.GpuSample> samples) {
        for (ResourceSampler.GpuSample s : samples) {
            Totals t = byGpu.computeIfAbsent(s.index(), i -> new Totals());
            t.samples++;
            t.utilizationSum += s.utilizationPercent();
            t.utilizationMax = Math.max(t.utilizationMax, s.utilizationPercent());
            t.memorySum += s.memoryUsedMib();
            t.memoryMax = Math.max(t.memoryMax, s.memoryUsedMib());
        }
    }

    public List<Summary> summaries() {
        List<Summary> summaries = new ArrayList<>();
        byGpu.forEach((index, t) -> summaries.add(new Summary(index, t.samples,
                Math.round(t.utilizationSum * 100.0 / t.samples) / 100.0, t.utilizationMax,
                Math.round(t.memorySum * 100.0 / t.samples) / 100.0, t.memoryMax)));
        return summaries;
    }
}
