package dev.inferplan.catalog.benchmarks;

import java.time.Instant;
import java.util.List;

/** A hardware pool as the API shows it. */
public record PoolView(String pool, List<String> instanceTypes, String accelerator, int acceleratorCount,
                       String cpuModel, Integer cpuCores, Long memoryBytes, String runnerVersion,
                       Instant registeredAt, Instant updatedAt, long revision, String registeredBy) {

    public static PoolView of(HardwarePool pool) {
        return new PoolView(pool.pool(), pool.instanceTypes(), pool.accelerator(), pool.acceleratorCount(),
                pool.cpuModel(), pool.cpuCores(), pool.memoryBytes(), pool.runnerVersion(), pool.registeredAt(),
                pool.updatedAt(), pool.revision(), pool.registeredBy());
    }
}
