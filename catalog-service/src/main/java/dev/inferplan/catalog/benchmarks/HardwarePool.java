package dev.inferplan.catalog.benchmarks;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One hardware pool (one benchmark-runner deployment) and the instance types it stands for. */
@Entity
@Table(name = "hardware_pool")
public class HardwarePool {

    @Id
    private String pool;
    @Column(name = "instance_types")
    private String instanceTypes;
    private String accelerator;
    @Column(name = "accelerator_count")
    private int acceleratorCount;
    @Column(name = "cpu_model")
    private String cpuModel;
    @Column(name = "cpu_cores")
    private Integer cpuCores;
    @Column(name = "memory_bytes")
    private Long memoryBytes;
    @Column(name = "runner_version")
    private String runnerVersion;
    @Column(name = "registered_by")
    private String registeredBy;
    @Column(name = "registered_at")
    private Instant registeredAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected HardwarePool() {
        // JPA
    }

    HardwarePool(String pool, String registeredBy, Instant registeredAt) {
        this.pool = pool;
        this.registeredBy = registeredBy;
        this.registeredAt = registeredAt;
    }

    void describe(List<String> types, String accelerator, int acceleratorCount, String cpuModel, Integer cpuCores,
                  Long memoryBytes, String runnerVersion, Instant at) {
        this.instanceTypes = String.join(",", types);
        this.accelerator = accelerator;
        this.acceleratorCount = acceleratorCount;
        this.cpuModel = cpuModel;
        this.cpuCores = cpuCores;
        this.memoryBytes = memoryBytes;
        this.runnerVersion = runnerVersion;
        this.updatedAt = at;
    }

    public String pool() {
        return pool;
    }

    public List<String> instanceTypes() {
        return instanceTypes == null || instanceTypes.isEmpty() ? List.of() : Arrays.asList(instanceTypes.split(","));
    }

    public String accelerator() {
        return accelerator;
    }

    public int acceleratorCount() {
        return acceleratorCount;
    }

    public String cpuModel() {
        return cpuModel;
    }

    public Integer cpuCores() {
        return cpuCores;
    }

    public Long memoryBytes() {
        return memoryBytes;
    }

    public String runnerVersion() {
        return runnerVersion;
    }

    /** The identity (JWT subject) that registered the pool first; null for pools older than the record of it. */
    public String registeredBy() {
        return registeredBy;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long revision() {
        return version;
    }
}
