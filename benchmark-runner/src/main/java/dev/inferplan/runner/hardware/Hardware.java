package dev.inferplan.runner.hardware;

import java.util.List;

/**
 * What this runner measured on: recorded with every result, and registered with the catalog as
 * the pool's hardware.
 */
public record Hardware(String pool,
                       List<String> instanceTypes,
                       String cpuModel,
                       int cpuCores,
                       long memoryBytes,
                       String architecture,
                       List<Gpu> gpus,
                       String gpuProbe) {

    public Hardware {
        instanceTypes = List.copyOf(instanceTypes);
        gpus = List.copyOf(gpus);
    }

    /**
     * One GPU as {@code nvidia-smi} reports it; {@code accelerator} is the canonical id, or null
     * when the vocabulary does not know the name (then the pool cannot be priced by accelerator).
     */
    public record Gpu(int index, String name, String accelerator, long memoryMib, String driverVersion) {
    }
}
