package dev.inferplan.catalog.benchmarks;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One measured (or published) point: a version on a pool in a scenario at a batch size and concurrency. */
@Entity
@Table(name = "benchmark_result")
public class BenchmarkResult {

    @Id
    private long id;
    @Column(name = "model_version_id")
    private long modelVersionId;
    private String pool;
    private String scenario;
    @Column(name = "batch_size")
    private int batchSize;
    private int concurrency;
    @Column(name = "throughput_per_s")
    private double throughputPerS;
    @Column(name = "latency_p50_ms")
    private Double latencyP50Ms;
    @Column(name = "latency_p90_ms")
    private Double latencyP90Ms;
    @Column(name = "latency_p95_ms")
    private Double latencyP95Ms;
    @Column(name = "latency_p99_ms")
    private Double latencyP99Ms;
    @Column(name = "latency_max_ms")
    private Double latencyMaxMs;
    private long queries;
    @Column(name = "duration_seconds")
    private double durationSeconds;
    private boolean valid;
    @Column(name = "invalid_reason")
    private String invalidReason;
    @Column(name = "execution_provider")
    private String executionProvider;
    @Column(name = "ort_version")
    private String ortVersion;
    private String hardware;
    @Column(name = "provenance_kind")
    private String provenanceKind;
    @Column(name = "provenance_source")
    private String provenanceSource;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "job_id")
    private Long jobId;
    @Column(name = "intra_op_threads")
    private Integer intraOpThreads;
    @Column(name = "target_qps")
    private Double targetQps;
    @Column(name = "achieved_qps")
    private Double achievedQps;
    private String config;
    private String status;
    @Column(name = "mlperf_compliant")
    private Boolean mlperfCompliant;
    @Column(name = "mlperf_rule_broken")
    private String mlperfRuleBroken;

    protected BenchmarkResult() {
        // JPA
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

    public int batchSize() {
        return batchSize;
    }

    public int concurrency() {
        return concurrency;
    }

    public double throughputPerS() {
        return throughputPerS;
    }

    public Double latencyP50Ms() {
        return latencyP50Ms;
    }

    public Double latencyP90Ms() {
        return latencyP90Ms;
    }

    public Double latencyP95Ms() {
        return latencyP95Ms;
    }

    public Double latencyP99Ms() {
        return latencyP99Ms;
    }

    public Double latencyMaxMs() {
        return latencyMaxMs;
    }

    public long queries() {
        return queries;
    }

    public double durationSeconds() {
        return durationSeconds;
    }

    public boolean valid() {
        return valid;
    }

    public String invalidReason() {
        return invalidReason;
    }

    public String executionProvider() {
        return executionProvider;
    }

    public String ortVersion() {
        return ortVersion;
    }

    public String hardware() {
        return hardware;
    }

    public String provenanceKind() {
        return provenanceKind;
    }

    public String provenanceSource() {
        return provenanceSource;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    /** The job that measured it; null for a published result. */
    public Long jobId() {
        return jobId;
    }

    public Integer intraOpThreads() {
        return intraOpThreads;
    }

    public Double targetQps() {
        return targetQps;
    }

    public Double achievedQps() {
        return achievedQps;
    }

    /** VALID, INVALID or UNSTABLE (contracts' MeasurementStatus); valid is true only for VALID. */
    public String status() {
        return status;
    }

    /** Whether the run followed MLPerf's rules; null when not known (published, or stored before it was asked). */
    public Boolean mlperfCompliant() {
        return mlperfCompliant;
    }

    public String mlperfRuleBroken() {
        return mlperfRuleBroken;
    }

    /** The configuration it ran with as JSON (session options, sha256, runner version, ...); null if none. */
    public String config() {
        return config;
    }
}
