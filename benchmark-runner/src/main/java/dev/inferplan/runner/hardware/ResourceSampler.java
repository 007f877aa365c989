package dev.inferplan.runner.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Samples what a run costs while it runs: the process's resident memory (and the kernel's peak,
 * VmHWM) from {@code /proc/self/status}, and GPU memory and utilization from {@code nvidia-smi}
 * when the runner has a GPU.
 */
public final class ResourceSampler {

    /** One GPU sample: utilization in percent, memory in MiB, per GPU index. */
    public record GpuSample(int index, int utilizationPercent, long memoryUsedMib) {
    }

    private final boolean gpus;

    public ResourceSampler(boolean gpus) {
        this.gpus = gpus;
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

    public List<GpuSample> gpuSamples() {
        if (!gpus) {
            return List.of();
        }
        try {
            Process process = new ProcessBuilder("nvidia-smi", "--query-gpu=index,utilization.gpu,memory.used",
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return List.of();
            }
            return parseGpuSamples(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
