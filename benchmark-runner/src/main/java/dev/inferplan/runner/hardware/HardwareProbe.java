package dev.inferplan.runner.hardware;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Detects the hardware this runner runs on: CPU model and cores from the OS, memory from the
 * JVM's OS bean, GPUs from {@code nvidia-smi} when it is installed (no GPU otherwise, and the
 * result says why).
 */
@ApplicationScoped
public class HardwareProbe {

    private final String pool;
    private final List<String> instanceTypes;

    @Inject
    public HardwareProbe(@ConfigProperty(name = "runner.pool.id") String pool,
                         @ConfigProperty(name = "runner.pool.instance-types") Optional<String> instanceTypes) {
        this(pool, instanceTypes.orElse(""));
    }

    public HardwareProbe(String pool, String instanceTypes) {
        this.pool = pool;
        this.instanceTypes = Arrays.stream(instanceTypes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public Hardware detect() {
        GpuScan gpus = scanGpus();
        return new Hardware(pool, instanceTypes, cpuModel(), Runtime.getRuntime().availableProcessors(),
                totalMemoryBytes(), System.getProperty("os.arch"), gpus.gpus(), gpus.probe());
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException e) {
                // fall through to the JVM's view
            }
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }

    private static long totalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    private record GpuScan(List<Hardware.Gpu> gpus, String probe) {
    }

    private static GpuScan scanGpus() {
        Process process;
        try {
            process = new ProcessBuilder("nvidia-smi",
                    "--query-gpu=index,name,memory.total,driver_version", "--format=csv,noheader,nounits")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return new GpuScan(List.of(), "nvidia-smi not found: no NVIDIA GPU visible to this runner");
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new GpuScan(List.of(), "nvidia-smi did not answer within 10 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                return new GpuScan(List.of(), "nvidia-smi failed: " + output.strip());
            }
            return new GpuScan(parseNvidiaSmi(output), "nvidia-smi");
        } catch (IOException e) {
            return new GpuScan(List.of(), "nvidia-smi output unreadable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GpuScan(List.of(), "interrupted while probing GPUs");
        }
    }

    /** Parses {@code nvidia-smi --query-gpu=index,name,memory.total,driver_version --format=csv,noheader,nounits}. */
    static List<Hardware.Gpu> parseNvidiaSmi(String csv) {
        List<Hardware.Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = Arrays.stream(line.split(",")).map(String::trim).toArray(String[]::new);
            if (fields.length < 4) {
                throw new IllegalArgumentException("unexpected nvidia-smi line: " + line);
            }
            String accelerator = AcceleratorVocabulary.standard().resolve(fields[1])
                    .map(a -> a.id().id())
                    .orElse(null);
            gpus.add(new Hardware.Gpu(Integer.parseInt(fields[0]), fields[1], accelerator,
                    Long.parseLong(fields[2]), fields[3]));
        }
        return gpus;
    }
}
