package dev.inferplan.runner.hardware;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Detects the hardware this runner runs on: CPU model and cores from the OS, memory from the
 * JVM's OS bean, GPUs from {@code nvidia-smi} when it is installed ({@link NvidiaSmi}; no GPU
 * otherwise, and the result says why).
 */
@ApplicationScoped
public class HardwareProbe {

    static final String DETECT_FIELDS = "index,name,memory.total,driver_version";

    private final String pool;
    private final List<String> instanceTypes;
    private final NvidiaSmi nvidiaSmi;

    @Inject
    public HardwareProbe(@ConfigProperty(name = "runner.pool.id") String pool,
                         @ConfigProperty(name = "runner.pool.instance-types") Optional<String> instanceTypes,
                         @ConfigProperty(name = "runner.gpu.nvidia-smi", defaultValue = NvidiaSmi.DEFAULT_COMMAND) String nvidiaSmi) {
        this(pool, instanceTypes.orElse(""), new NvidiaSmi(nvidiaSmi));
    }

    public HardwareProbe(String pool, String instanceTypes) {
        this(pool, instanceTypes, NvidiaSmi.onPath());
    }

    public HardwareProbe(String pool, String instanceTypes, NvidiaSmi nvidiaSmi) {
        this.pool = pool;
        this.instanceTypes = Arrays.stream(instanceTypes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.nvidiaSmi = nvidiaSmi;
    }

    /** The nvidia-smi this probe asks, for the sampler that watches the GPUs it found during runs. */
    public NvidiaSmi nvidiaSmi() {
        return nvidiaSmi;
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

    private GpuScan scanGpus() {
        NvidiaSmi.Answer answer = nvidiaSmi.query(DETECT_FIELDS, Duration.ofSeconds(10));
        if (!answer.answered()) {
            return new GpuScan(List.of(), answer.failure());
        }
        try {
            return new GpuScan(parseNvidiaSmi(answer.csv()), nvidiaSmi.command());
        } catch (IllegalArgumentException e) {
            return new GpuScan(List.of(), nvidiaSmi.command() + " answered something unreadable: " + e.getMessage());
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
