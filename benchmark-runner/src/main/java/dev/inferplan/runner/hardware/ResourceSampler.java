package dev.inferplan.runner.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Samples what a run costs while it runs: the process's resident memory (and the kernel's peak,
 * VmHWM) from {@code /proc/self/status}, and GPU memory and utilization from {@code nvidia-smi}
 * when the runner has a GPU.
 */
public final class ResourceSampler {

    /** One GPU sample: utilization in percent, memory in MiB, per GPU index. */
    public record GpuSample(int index, int utilizationPercent, long memoryUsedMib) {
    }

    static final String SAMPLE_FIELDS = "index,utilization.gpu,memory.used";

    /** Null when the runner found no GPU: then only memory is sampled. */
    private final NvidiaSmi nvidiaSmi;

    private ResourceSampler(NvidiaSmi nvidiaSmi) {
        this.nvidiaSmi = nvidiaSmi;
    }

    /** Samples the GPUs {@code hardware} lists through the same nvidia-smi that found them; memory only without GPUs. */
    public static ResourceSampler of(Hardware hardware, NvidiaSmi nvidiaSmi) {
        return new ResourceSampler(hardware.gpus().isEmpty() ? null : nvidiaSmi);
    }

    public OptionalLong rssBytes() {
        return statusField("VmRSS:");
    }

    public OptionalLong peakRssBytes() {
        return statusField("VmHWM:");
    }

    private static OptionalLong statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith(field)) {
                    return OptionalLong.of(parseKib(line.substring(field.length())) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc unreadable: the figure is absent, not zero
        }
        return OptionalLong.empty();
    }

    static long parseKib(String value) {
        return Long.parseLong(value.trim().split("\\s+")[0]);
    }

    /** One sample per GPU now; empty without GPUs or when nvidia-smi does not answer (absent, never zero). */
    public List<GpuSample> gpuSamples() {
        if (nvidiaSmi == null) {
            return List.of();
        }
        NvidiaSmi.Answer answer = nvidiaSmi.query(SAMPLE_FIELDS, Duration.ofSeconds(5));
        if (!answer.answered()) {
            return List.of();
        }
        try {
            return parseGpuSamples(answer.csv());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    static List<GpuSample> parseGpuSamples(String csv) {
        List<GpuSample> samples = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",");
            if (f.length == 3) {
                samples.add(new GpuSample(Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()),
                        Long.parseLong(f[2].trim())));
            }
        }
        return samples;
    }
}
