package dev.inferplan.catalog.jobs;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.benchmarks.BenchmarkResults;
import dev.inferplan.catalog.benchmarks.HardwarePools;
import dev.inferplan.catalog.benchmarks.PoolCaller;
import dev.inferplan.catalog.benchmarks.ResultView;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.catalog.versions.ModelVersion;
import dev.inferplan.platform.persistence.SharedEntityManager;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The job queue as runners use it (gRPC {@code BenchmarkJobService}): lease the oldest leasable job
 * of a pool, heartbeat, report the outcome once, report a model's IO signature. Every change locks
 * the job row ({@code SELECT … FOR UPDATE}; leasing with {@code SKIP LOCKED}, which MariaDB ≥ 10.6
 * and H2 2.x both run, so two runners racing for one job never both get it; see {@link LockedJob}) and checks the lease
 * token: a runner whose lease expired and was handed to another can neither heartbeat nor report.
 * (The IO signature a runner reads goes to {@code ModelVersions.reportSignature}, as over REST.)
 */
@ApplicationScoped
public class JobLeasing {

    private static final Logger LOGGER = Logger.getLogger(JobLeasing.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    /** benchmark_job.leased_by is VARCHAR(256). */
    static final int MAX_RUNNER_ID = 256;
    /** benchmark_result.config is a TEXT column: 65,535 bytes on MariaDB. */
    static final int MAX_CONFIG_BYTES = 65_535;

    private final BenchmarkResults results;
    private final HardwarePools pools;
    private final AuditLog audit;
    private final FidelityMetrics fidelityMetrics;
    private final Duration leaseTimeout;
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    private JobMetrics jobMetrics;

    @Inject
    public JobLeasing(BenchmarkResults results, HardwarePools pools, AuditLog audit, FidelityMetrics fidelityMetrics,
                      @ConfigProperty(name = "catalog.jobs.lease-timeout-seconds", defaultValue = "60") long leaseTimeoutSeconds) {
        this.results = results;
        this.pools = pools;
        this.audit = audit;
        this.fidelityMetrics = fidelityMetrics;
        this.leaseTimeout = Duration.ofSeconds(leaseTimeoutSeconds);
    }

    /** A job leased to a runner, with its model's artifact and the lease the runner must quote. */
    public record Leased(JobView job, String artifactUri, String artifactSha256, String token, Instant expiresAt,
                         Reference reference) {
    }

    /** A fidelity job's parent: its artifact and how outputs are compared (EMBEDDING or CLASSIFIER). */
    public record Reference(long versionId, String artifactUri, String artifactSha256, Long artifactSizeBytes,
                            String outputKind) {
    }

    /** What a fidelity job measured (the runner's FidelityReport). */
    public record Fidelity(String outputKind, int inputs, String inputsDescription, double meanCosine, double p5Cosine,
                           double minCosine, Double top1Agreement, String referenceSha256) {
    }

    /** {@code stop}: cancelled or the lease was lost; {@code why} says which. */
    public record HeartbeatAnswer(boolean stop, Instant expiresAt, String why) {
    }

    /**
     * One measured point as the runner reported it. {@code status} VALID/INVALID/UNSTABLE (null from a
     * runner that did not say: then {@code valid} decides); {@code mlperfCompliant} null when the runner
     * did not say; {@code executionProvider} and {@code sessionOptions} this point's own (null: the
     * report's); {@code latencyHistogram} HdrHistogram's compressed encoding (null: none);
     * {@code figures} everything else it knew (windows, RSS, GPU summaries, generator lag and
     * scheduling, output check, capacity-search steps, provider decision, ...), stored as they are.
     */
    public record Point(int batchSize, int concurrency, int threads, double throughputPerS, Double p50, Double p90,
                        Double p95, Double p99, Double p999, Double max, long queries, double durationSeconds,
                        boolean valid, String invalidReason, Double targetQps, Double achievedQps, long errors,
                        Long peakRssBytes, Double generatorLagP99Us, String status, Boolean mlperfCompliant,
                        String mlperfRuleBroken, String executionProvider, String sessionOptions, long samples,
                        byte[] latencyHistogram, JsonObject figures) {

        /** A point with nothing but the original figures (a runner from before the evidence fields). */
        public Point(int batchSize, int concurrency, int threads, double throughputPerS, Double p50, Double p90,
                     Double p95, Double p99, Double p999, Double max, long queries, double durationSeconds,
                     boolean valid, String invalidReason, Double targetQps, Double achievedQps, long errors,
                     Long peakRssBytes, Double generatorLagP99Us) {
            this(batchSize, concurrency, threads, throughputPerS, p50, p90, p95, p99, p999, max, queries, durationSeconds,
                    valid, invalidReason, targetQps, achievedQps, errors, peakRssBytes, generatorLagP99Us, null, null,
                    null, null, null, 0, null, JsonValue.EMPTY_JSON_OBJECT);
        }
    }

    /** benchmark_result_histogram.data is a BLOB: 65,535 bytes on MariaDB. */
    static final int MAX_HISTOGRAM_BYTES = 65_535;

    public record Report(long jobId, String leaseToken, String idempotencyKey, boolean succeeded, String failureReason,
                         List<Point> points, String executionProvider, String ortVersion, String sessionOptions,
                         String hardware, String modelSha256, String runnerVersion, Fidelity fidelity) {

        public Report(long jobId, String leaseToken, String idempotencyKey, boolean succeeded, String failureReason,
                      List<Point> points, String executionProvider, String ortVersion, String sessionOptions,
                      String hardware, String modelSha256, String runnerVersion) {
            this(jobId, leaseToken, idempotencyKey, succeeded, failureReason, points, executionProvider, ortVersion,
                    sessionOptions, hardware, modelSha256, runnerVersion, null);
        }
    }

    /** {@code recorded} false: this key had been recorded before, and these are that report's results. */
    public record ReportAnswer(boolean recorded, List<Long> resultIds) {
    }

    /** A refused call: nothing was changed. */
    public static final class Refused extends RuntimeException {
        public enum Kind { NOT_FOUND, LEASE_LOST, INVALID }

        private final Kind kind;

        Refused(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /**
     * Leases the oldest leasable job of the pool: a queued one, or one whose lease expired (which
     * fails instead once its attempts are spent). Empty when there is none.
     */
    @Transactional
    @WithSpan("catalog.jobs.lease")
    public Optional<Leased> lease(@SpanAttribute("pool") String pool, @SpanAttribute("runner") String runnerId, PoolCaller caller) {
        if (pool == null || pool.isBlank() || runnerId == null || runnerId.isBlank()) {
            throw new Refused(Refused.Kind.INVALID, "pool and runner_id are required");
        }
        if (runnerId.length() > MAX_RUNNER_ID) {
            throw new Refused(Refused.Kind.INVALID, "runner_id: at most " + MAX_RUNNER_ID + " characters");
        }
        pools.requireRunnerOf(caller, pool);
        jobMetrics.track(pool);
        String actor = caller.subject();
        Connection connection = entityManager.unwrap(Connection.class);
        Instant now = clock.instant();
        while (true) {
            Optional<LockedJob> candidate = LockedJob.lockLeasable(connection, pool, now);
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            LockedJob job = candidate.get();
            if (job.status().leased()) {
                // an expired lease found before the reaper: re-queue (or fail) it first
                if (!expire(connection, job, now, actor)) {
                    continue;
                }
            }
            String token = HexFormat.of().formatHex(bytes());
            Instant expires = now.plus(leaseTimeout);
            Rows.update(connection, "UPDATE benchmark_job SET status = ?, attempts = attempts + 1, lease_token = ?,"
                    + " leased_by = ?, lease_expires_at = ?, progress_percent = 0, eta_seconds = NULL,"
                    + " started_at = COALESCE(started_at, ?), updated_at = ?, version = version + 1 WHERE id = ?",
                    JobStatus.LEASED, token, runnerId, expires, now, now, job.id());
            JobView leased = BenchmarkJobs.view(entityManager, job.id()).orElseThrow();
            ModelVersion version = entityManager.find(ModelVersion.class, job.modelVersionId());
            audit.append(new AuditLog.Change(BenchmarkJobs.AUDIT_TYPE, Long.toString(job.id()), job.modelVersionId(),
                    "LEASED", actor, now, null, leased));
            Reference reference = null;
            if (BenchmarkJobs.FIDELITY.equals(leased.kind()) && leased.referenceModelVersionId() != null) {
                ModelVersion parent = entityManager.find(ModelVersion.class, leased.referenceModelVersionId());
                reference = new Reference(parent.id(), parent.artifactUri(), parent.artifactSha256(),
                        parent.artifactSizeBytes(), FidelityKind.of(version.task()).orElseThrow().name());
            }
            return Optional.of(new Leased(leased, version.artifactUri(), version.artifactSha256(), token, expires,
                    reference));
        }
    }

    /** Extends the lease; tells the runner to stop when the job was cancelled or its lease lost. */
    @Transactional
    public HeartbeatAnswer heartbeat(long jobId, String token, double progressPercent, long etaSeconds) {
        Connection connection = entityManager.unwrap(Connection.class);
        LockedJob job = LockedJob.lock(connection, jobId)
                .orElseThrow(() -> new Refused(Refused.Kind.NOT_FOUND, "no benchmark job " + jobId));
        if (job.status() == JobStatus.CANCELLED) {
            return new HeartbeatAnswer(true, null, "job " + jobId + " was cancelled");
        }
        if (token == null || !token.equals(job.leaseToken()) || !job.status().leased()) {
            return new HeartbeatAnswer(true, null, "the lease on job " + jobId + " was lost (now " + job.status()
                    + (job.leasedBy() == null ? "" : ", held by " + job.leasedBy()) + ")");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(leaseTimeout);
        Rows.update(connection, "UPDATE benchmark_job SET status = ?, lease_expires_at = ?, progress_percent = ?,"
                        + " eta_seconds = ?, updated_at = ?, version = version + 1 WHERE id = ?", JobStatus.RUNNING, expires,
                Math.max(0, Math.min(100, Double.isFinite(progressPercent) ? progressPercent : 0)),
                etaSeconds < 0 ? null : etaSeconds, now, jobId);
        return new HeartbeatAnswer(false, expires, null);
    }

    /**
     * Records a runner's outcome once: every measured point as a MEASURED benchmark result citing
     * the job, and the job SUCCEEDED or FAILED with its reason, in one transaction. A key already
     * recorded answers {@code recorded=false} with that report's results; a report under a lease
     * that is no longer the job's is refused.
     */
    @Transactional
    @WithSpan("catalog.jobs.report")
    public ReportAnswer report(Report report, String actor) {
        if (report.idempotencyKey() == null || report.idempotencyKey().isBlank() || report.idempotencyKey().length() > 256) {
            throw new Refused(Refused.Kind.INVALID, "an idempotency_key of 1 to 256 characters is required");
        }
        Connection connection = entityManager.unwrap(Connection.class);
        LockedJob job = LockedJob.lock(connection, report.jobId())
                .orElseThrow(() -> new Refused(Refused.Kind.NOT_FOUND, "no benchmark job " + report.jobId()));
        Optional<RecordedReport> earlier = recorded(connection, report.idempotencyKey());
        if (earlier.isPresent()) {
            if (earlier.get().jobId() != report.jobId()) {
                throw new Refused(Refused.Kind.INVALID, "idempotency key " + report.idempotencyKey()
                        + " was used for job " + earlier.get().jobId());
            }
            return new ReportAnswer(false, earlier.get().resultIds());
        }
        if (report.leaseToken() == null || !report.leaseToken().equals(job.leaseToken()) || !job.status().leased()) {
            throw new Refused(Refused.Kind.LEASE_LOST, "job " + report.jobId() + " is " + job.status()
                    + (job.status().leased() ? " under another lease (attempt " + job.attempts() + ", " + job.leasedBy() + ")"
                    : "") + ": this lease can no longer report");
        }
        Instant now = clock.instant();
        ModelVersion version = entityManager.find(ModelVersion.class, job.modelVersionId());
        boolean succeeded = report.succeeded();
        String reason = succeeded ? null : blankTo(report.failureReason(), "the runner reported a failure without a reason");
        if (succeeded && blank(report.modelSha256())) {
            // a measurement that does not name the model it measured is evidence of nothing
            succeeded = false;
            reason = "INVALID_REPORT: model_sha256 is blank: a measured result must name the sha256 of the model it"
                    + " measured";
        } else if (succeeded && !report.modelSha256().equalsIgnoreCase(version.artifactSha256())) {
            succeeded = false;
            reason = "SHA256_MISMATCH: the runner measured a model with sha256 " + report.modelSha256()
                    + ", the catalog's artifact has " + version.artifactSha256();
        }
        List<Long> ids = new ArrayList<>();
        JobView asked = BenchmarkJobs.view(entityManager, job.id()).orElseThrow();
        if (succeeded && BenchmarkJobs.FIDELITY.equals(asked.kind())) {
            String problem = FidelityMetrics.problem(report.fidelity());
            if (problem != null) {
                succeeded = false;
                reason = "INVALID_REPORT: " + problem;
            } else {
                fidelityMetrics.record(asked, job, report, actor);
            }
        } else if (succeeded) {
            // Every point is checked before any is stored: a report with a point the catalog cannot
            // hold fails the job with the reason (recorded under its key), rather than being refused
            // and sent again by the runner for ever.
            JobView checked = BenchmarkJobs.view(entityManager, job.id()).orElseThrow();
            List<String> invalid = new ArrayList<>();
            int points = report.points().size();
            if (points > BenchmarkJobs.MAX_POINTS) {
                invalid.add(points + " points: a job has at most " + BenchmarkJobs.MAX_POINTS);
            }
            for (int i = 0; i < points && points <= BenchmarkJobs.MAX_POINTS; i++) {
                Point point = report.points().get(i);
                String at = "point " + (i + 1) + " (batch " + point.batchSize() + ", concurrency " + point.concurrency() + "): ";
                for (var error : results.validate(result(checked, job, point, report))) {
                    invalid.add(at + error.field() + " " + error.reason());
                }
                PointEvidence.problems(point).forEach(problem -> invalid.add(at + problem));
                if (config(checked, job, point, report).getBytes(StandardCharsets.UTF_8).length > MAX_CONFIG_BYTES) {
                    invalid.add(at + "config (session options, hardware, ...) at most " + MAX_CONFIG_BYTES
                            + " bytes as JSON");
                }
            }
            if (!invalid.isEmpty()) {
                succeeded = false;
                reason = "INVALID_REPORT: " + String.join("; ", invalid);
            }
        }
        if (succeeded && !BenchmarkJobs.FIDELITY.equals(asked.kind())) {
            JobView view = BenchmarkJobs.view(entityManager, job.id()).orElseThrow();
            for (Point point : report.points()) {
                PointEvidence evidence = PointEvidence.of(view, point);
                ResultView result = results.record(result(view, job, point, report),
                        new BenchmarkResults.JobLink(job.id(), point.threads(), point.targetQps(), point.achievedQps(),
                                config(view, job, point, report), evidence.status(), evidence.compliance(),
                                point.latencyHistogram(), evidence.histogramCount()), actor);
                ids.add(result.id());
            }
        }
        Rows.update(connection, "UPDATE benchmark_job SET status = ?, failure_reason = ?, progress_percent = ?,"
                        + " eta_seconds = ?, finished_at = ?, lease_expires_at = NULL, updated_at = ?, version = version + 1"
                        + " WHERE id = ?", succeeded ? JobStatus.SUCCEEDED : JobStatus.FAILED, truncate(reason, 2000),
                succeeded ? 100.0 : null, succeeded ? 0L : null, now, now, job.id());
        Rows.update(connection, "INSERT INTO benchmark_job_report (idempotency_key, job_id, lease_token, succeeded,"
                        + " result_ids, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)", report.idempotencyKey(),
                job.id(), report.leaseToken(), succeeded,
                ids.stream().map(String::valueOf).collect(Collectors.joining(",")), now, actor);
        audit.append(new AuditLog.Change(BenchmarkJobs.AUDIT_TYPE, Long.toString(job.id()), job.modelVersionId(),
                succeeded ? "SUCCEEDED" : "FAILED", actor, now, job.state(), BenchmarkJobs.view(entityManager, job.id()).orElseThrow()));
        return new ReportAnswer(true, ids);
    }

    /** Re-queues jobs whose lease expired, or fails those that spent their attempts; answers how many. */
    @Transactional
    @WithSpan("catalog.jobs.reap-expired")
    public int reapExpired() {
        Connection connection = entityManager.unwrap(Connection.class);
        Instant now = clock.instant();
        List<LockedJob> expired = LockedJob.lockExpired(connection, now);
        expired.forEach(job -> expire(connection, job, now, "lease-reaper"));
        return expired.size();
    }

    /** True when the job was re-queued, false when it failed for good. */
    private boolean expire(Connection connection, LockedJob job, Instant now, String actor) {
        boolean spent = job.attempts() >= job.maxAttempts();
        jobMetrics.leaseExpired(job.pool());
        if (spent) {
            String reason = "LEASE_EXPIRED: the lease of " + job.leasedBy() + " expired without a heartbeat on attempt "
                    + job.attempts() + " of " + job.maxAttempts();
            Rows.update(connection, "UPDATE benchmark_job SET status = ?, failure_reason = ?, lease_expires_at = NULL,"
                            + " eta_seconds = NULL, finished_at = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                    JobStatus.FAILED, truncate(reason, 2000), now, now, job.id());
        } else {
            Rows.update(connection, "UPDATE benchmark_job SET status = ?, lease_token = NULL, leased_by = NULL,"
                            + " lease_expires_at = NULL, progress_percent = NULL, eta_seconds = NULL, updated_at = ?,"
                            + " version = version + 1 WHERE id = ?", JobStatus.QUEUED, now, job.id());
        }
        LOGGER.info(() -> "job " + job.id() + ": the lease of " + job.leasedBy() + " expired on attempt " + job.attempts()
                + (spent ? "; failed (attempts spent)" : "; re-queued"));
        audit.append(new AuditLog.Change(BenchmarkJobs.AUDIT_TYPE, Long.toString(job.id()), job.modelVersionId(),
                spent ? "FAILED" : "LEASE_EXPIRED", actor, now, job.state(), null));
        return !spent;
    }

    private record RecordedReport(long jobId, List<Long> resultIds) {
    }

    private static Optional<RecordedReport> recorded(Connection connection, String key) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT job_id, result_ids FROM benchmark_job_report WHERE idempotency_key = ? FOR UPDATE")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String ids = row.getString("result_ids");
                return Optional.of(new RecordedReport(row.getLong("job_id"), ids == null || ids.isBlank() ? List.of()
                        : Arrays.stream(ids.split(",")).map(Long::valueOf).toList()));
            }
        } catch (SQLException e) {
            throw new Rows.DataAccessException(e);
        }
    }

    private static BenchmarkResults.NewResult result(JobView job, LockedJob locked, Point point, Report report) {
        PointEvidence evidence = PointEvidence.of(job, point);
        boolean valid = evidence.status().valid();
        return new BenchmarkResults.NewResult(job.modelVersionId(), job.pool(), job.scenario(), point.batchSize(),
                point.concurrency(), point.throughputPerS(),
                new BenchmarkResults.Latency(point.p50(), point.p90(), point.p95(), point.p99(), point.max()),
                point.queries(), point.durationSeconds(), valid,
                valid ? null : evidence.invalidReason(),
                blankTo(point.executionProvider(), blankTo(report.executionProvider(), null)), blankTo(report.ortVersion(), null),
                truncate(blankTo(report.hardware(), null), 1000),
                new BenchmarkResults.ProvenanceSpec("MEASURED", "benchmark job " + job.id() + " (attempt "
                        + locked.attempts() + ") on pool " + job.pool() + " by runner " + locked.leasedBy()
                        + (blank(report.runnerVersion()) ? "" : ", benchmark-runner " + report.runnerVersion())));
    }

    private static String config(JobView job, LockedJob locked, Point point, Report report) {
        JsonObjectBuilder config = Json.createObjectBuilder()
                .add("threads", point.threads())
                .add("sequenceLength", job.sweep().sequenceLength())
                .add("executionProviders", Json.createArrayBuilder(job.executionProviders()))
                .add("allowFallback", job.allowFallback())
                .add("attempt", locked.attempts())
                .add("runner", locked.leasedBy())
                .add("errors", point.errors());
        optional(config, "targetQps", point.targetQps());
        optional(config, "achievedQps", point.achievedQps());
        optional(config, "latencyP999Ms", point.p999());
        optional(config, "generatorLagP99Us", point.generatorLagP99Us());
        if (point.peakRssBytes() != null) {
            config.add("peakRssBytes", point.peakRssBytes());
        }
        if (job.minQueries() != null) {
            config.add("minQueries", job.minQueries());
        }
        optional(config, "windowSeconds", job.windowSeconds());
        if (job.warmupSeconds() != null) {
            config.add("warmupSeconds", job.warmupSeconds());
        }
        String sessionOptions = blankTo(point.sessionOptions(), report.sessionOptions());
        if (!blank(sessionOptions)) {
            config.add("sessionOptions", sessionOptions);
        }
        // everything else the runner knew about this point, as it reported it
        point.figures().forEach(config::add);
        if (!blank(report.modelSha256())) {
            config.add("modelSha256", report.modelSha256().toLowerCase(Locale.ROOT));
        }
        if (!blank(report.runnerVersion())) {
            config.add("runnerVersion", report.runnerVersion());
        }
        if (!blank(report.hardware())) {
            try (JsonReader reader = Json.createReader(new StringReader(report.hardware()))) {
                config.add("hardware", reader.readValue());
            } catch (JsonParsingException notJson) {
                config.add("hardware", report.hardware());
            }
        }
        return config.build().toString();
    }

    private static void optional(JsonObjectBuilder builder, String name, Double value) {
        if (value != null && Double.isFinite(value) && value != 0) {
            builder.add(name, value);
        }
    }

    private static byte[] bytes() {
        byte[] token = new byte[24];
        RANDOM.nextBytes(token);
        return token;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankTo(String value, String otherwise) {
        return blank(value) ? otherwise : value;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
