package dev.inferplan.catalog.jobs;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One benchmark job as read by the API. State changes (lease, heartbeat, report, cancel, expiry)
 * are conditional JDBC updates on a row locked {@code FOR UPDATE} (see {@link JobLeasing}), so that
 * two runners can never both hold a job; this entity is only read.
 */
@Entity
@Table(name = "benchmark_job")
public class BenchmarkJob {

    @Id
    private long id;
    @Column(name = "model_version_id")
    private long modelVersionId;
    private String pool;
    private String scenario;
    @Column(name = "batch_sizes")
    private String batchSizes;
    private String concurrencies;
    private String threads;
    @Column(name = "sequence_length")
    private int sequenceLength;
    @Column(name = "duration_seconds")
    private int durationSeconds;
    @Column(name = "target_qps")
    private Double targetQps;
    @Column(name = "latency_bound_ms")
    private Double latencyBoundMs;
    @Column(name = "execution_providers")
    private String executionProviders;
    @Column(name = "allow_fallback")
    private boolean allowFallback;
    @Column(name = "min_queries")
    private Long minQueries;
    @Column(name = "window_seconds")
    private Double windowSeconds;
    @Column(name = "warmup_seconds")
    private Double warmupSeconds;
    @Column(name = "provider_options")
    private String providerOptions;
    private String kind;
    private String search;
    @Column(name = "reference_model_version_id")
    private Long referenceModelVersionId;
    private String status;
    private int attempts;
    @Column(name = "max_attempts")
    private int maxAttempts;
    @Column(name = "lease_token")
    private String leaseToken;
    @Column(name = "leased_by")
    private String leasedBy;
    @Column(name = "lease_expires_at")
    private Instant leaseExpiresAt;
    @Column(name = "progress_percent")
    private Double progressPercent;
    @Column(name = "eta_seconds")
    private Long etaSeconds;
    @Column(name = "failure_reason")
    private String failureReason;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "submitted_by")
    private String submittedBy;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected BenchmarkJob() {
        // JPA
    }

    static List<Integer> integers(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }

    public long id() {
        return id;
    }

    public long modelVersionId() {
        return modelVersionId;
    }

    public String pool() {
        return pool;
    }

    public String scenario() {
        return scenario;
    }

    public List<Integer> batchSizes() {
        return integers(batchSizes);
    }

    public List<Integer> concurrencies() {
        return integers(concurrencies);
    }

    public List<Integer> threads() {
        return integers(threads);
    }

    public int sequenceLength() {
        return sequenceLength;
    }

    public int durationSeconds() {
        return durationSeconds;
    }

    public Double targetQps() {
        return targetQps;
    }

    public Double latencyBoundMs() {
        return latencyBoundMs;
    }

    public List<String> executionProviders() {
        return executionProviders == null || executionProviders.isBlank() ? List.of()
                : Arrays.asList(executionProviders.split(","));
    }

    public boolean allowFallback() {
        return allowFallback;
    }

    public Long minQueries() {
        return minQueries;
    }

    public Double windowSeconds() {
        return windowSeconds;
    }

    /** GRID or QUICK. */
    public String search() {
        return search;
    }

    /** BENCHMARK or FIDELITY. */
    public String kind() {
        return kind;
    }

    /** FIDELITY: the parent version the outputs are compared with. */
    public Long referenceModelVersionId() {
        return referenceModelVersionId;
    }

    /** The GPU provider options the job set as JSON; null: the defaults. */
    public String providerOptions() {
        return providerOptions;
    }

    public Double warmupSeconds() {
        return warmupSeconds;
    }

    public JobStatus status() {
        return JobStatus.valueOf(status);
    }

    public int attempts() {
        return attempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    String leaseToken() {
        return leaseToken;
    }

    public String leasedBy() {
        return leasedBy;
    }

    public Instant leaseExpiresAt() {
        return leaseExpiresAt;
    }

    public Double progressPercent() {
        return progressPercent;
    }

    public Long etaSeconds() {
        return etaSeconds;
    }

    public String failureReason() {
        return failureReason;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public String submittedBy() {
        return submittedBy;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long revision() {
        return version;
    }
}
