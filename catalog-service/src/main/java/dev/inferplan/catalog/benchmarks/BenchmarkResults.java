package dev.inferplan.catalog.benchmarks;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.metrics.Provenance;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.catalog.versions.ModelVersion;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * Benchmark results: evidence for the approval gate, the model card's per-pool summary and the
 * recommender. {@link #record} is the one way in: the REST import of published figures uses it
 * now, and the benchmark job queue will use it for measured ones.
 */
@ApplicationScoped
public class BenchmarkResults {

    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public BenchmarkResults(AuditLog audit) {
        this.audit = audit;
    }

    public record Latency(Double p50, Double p90, Double p95, Double p99, Double max) {
    }

    public record ProvenanceSpec(String kind, String source) {
    }

    public record NewResult(Long modelVersionId, String pool, String scenario, Integer batchSize, Integer concurrency,
                            Double throughputPerS, Latency latencyMs, Long queries, Double durationSeconds,
                            Boolean valid, String invalidReason, String executionProvider, String ortVersion,
                            String hardware, ProvenanceSpec provenance) {
    }

    /**
     * What links a measured result to its job: intra-op threads, target and achieved QPS (the
     * curves' axes) and the rest of the configuration as a JSON object.
     */
    public record JobLink(long jobId, Integer threads, Double targetQps, Double achievedQps, String configJson) {
    }

    /** Validates and stores one result in the caller's transaction (or a new one). */
    @Transactional
    public ResultView record(NewResult request, String actor) {
        return record(request, null, actor);
    }

    /**
     * Validates and stores one result measured by a job, in the caller's transaction (the job
     * queue records a report's points and finishes the job in one).
     */
    @Transactional
    public ResultView record(NewResult request, JobLink link, String actor) {
        List<FieldError> errors = validate(request);
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The benchmark result is not valid.", errors);
        }
        Latency latency = request.latencyMs() == null ? new Latency(null, null, null, null, null) : request.latencyMs();
        boolean valid = request.valid() == null || request.valid();
        Instant now = clock.instant();
        long id = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO benchmark_result (model_version_id, pool,"
                        + " scenario, batch_size, concurrency, throughput_per_s, latency_p50_ms, latency_p90_ms,"
                        + " latency_p95_ms, latency_p99_ms, latency_max_ms, queries, duration_seconds, valid, invalid_reason,"
                        + " execution_provider, ort_version, hardware, provenance_kind, provenance_source, created_at,"
                        + " created_by, job_id, intra_op_threads, target_qps, achieved_qps, config)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                request.modelVersionId(), request.pool(), Scenario.parse(request.scenario()).orElseThrow(),
                request.batchSize(), request.concurrency(), request.throughputPerS(), latency.p50(), latency.p90(),
                latency.p95(), latency.p99(), latency.max(), request.queries() == null ? 0L : request.queries(),
                request.durationSeconds(), valid, valid ? null : request.invalidReason(), request.executionProvider(),
                request.ortVersion(), request.hardware(), Provenance.parse(request.provenance().kind()).orElseThrow(),
                request.provenance().source().strip(), now, actor, link == null ? null : link.jobId(),
                link == null ? null : link.threads(), link == null ? null : link.targetQps(),
                link == null ? null : link.achievedQps(), link == null ? null : link.configJson());
        ResultView created = ResultView.of(entityManager.find(BenchmarkResult.class, id));
        audit.append(new AuditLog.Change(AuditLog.BENCHMARK_RESULT, Long.toString(id), request.modelVersionId(),
                "CREATED", actor, now, null, created));
        return created;
    }

    @Transactional
    public List<ResultView> find(Optional<Long> modelVersionId, Optional<String> pool) {
        StringBuilder jpql = new StringBuilder("SELECT r FROM BenchmarkResult r WHERE 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        modelVersionId.ifPresent(v -> {
            jpql.append(" AND r.modelVersionId = :version");
            parameters.put("version", v);
        });
        pool.ifPresent(p -> {
            jpql.append(" AND r.pool = :pool");
            parameters.put("pool", p);
        });
        TypedQuery<BenchmarkResult> query = entityManager.createQuery(jpql + " ORDER BY r.id", BenchmarkResult.class);
        parameters.forEach(query::setParameter);
        return query.getResultStream().map(ResultView::of).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long count(long modelVersionId) {
        return entityManager.createQuery("SELECT COUNT(r) FROM BenchmarkResult r WHERE r.modelVersionId = :id", Long.class)
                .setParameter("id", modelVersionId).getSingleResult();
    }

    /** What is wrong with a result (empty when it can be stored); {@link #record} refuses with these. */
    public List<FieldError> validate(NewResult request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.modelVersionId() == null) {
            errors.add(FieldError.field("modelVersionId", "required"));
        } else if (entityManager.find(ModelVersion.class, request.modelVersionId()) == null) {
            errors.add(FieldError.field("modelVersionId", "no model version " + request.modelVersionId()));
        }
        if (request.pool() == null || request.pool().isBlank()) {
            errors.add(FieldError.field("pool", "required"));
        } else if (entityManager.find(HardwarePool.class, request.pool()) == null) {
            errors.add(FieldError.field("pool", "no hardware pool '" + request.pool() + "' (GET /api/benchmarks/pools)"));
        }
        if (Scenario.parse(request.scenario()).isEmpty()) {
            errors.add(FieldError.field("scenario", "one of " + List.of(Scenario.values())));
        }
        if (request.batchSize() == null || request.batchSize() < 1) {
            errors.add(FieldError.field("batchSize", "at least 1"));
        }
        if (request.concurrency() == null || request.concurrency() < 1) {
            errors.add(FieldError.field("concurrency", "at least 1"));
        }
        if (request.throughputPerS() == null || !(request.throughputPerS() >= 0) || request.throughputPerS().isInfinite()) {
            errors.add(FieldError.field("throughputPerS", "a non-negative number"));
        }
        if (request.durationSeconds() == null || !(request.durationSeconds() > 0) || request.durationSeconds().isInfinite()) {
            errors.add(FieldError.field("durationSeconds", "a positive number"));
        }
        if (request.queries() != null && request.queries() < 0) {
            errors.add(FieldError.field("queries", "not negative"));
        }
        if (request.latencyMs() != null) {
            Double[] percentiles = {request.latencyMs().p50(), request.latencyMs().p90(), request.latencyMs().p95(),
                    request.latencyMs().p99(), request.latencyMs().max()};
            String[] names = {"p50", "p90", "p95", "p99", "max"};
            Double previous = null;
            for (int i = 0; i < percentiles.length; i++) {
                Double value = percentiles[i];
                if (value == null) {
                    continue;
                }
                if (!(value >= 0) || value.isInfinite()) {
                    errors.add(FieldError.field("latencyMs." + names[i], "a non-negative number of milliseconds"));
                } else if (previous != null && value < previous) {
                    errors.add(FieldError.field("latencyMs." + names[i], "percentiles cannot decrease"));
                }
                if (value >= 0) {
                    previous = value;
                }
            }
        }
        if (Boolean.FALSE.equals(request.valid()) && (request.invalidReason() == null || request.invalidReason().isBlank())) {
            errors.add(FieldError.field("invalidReason", "an invalid result says why"));
        }
        if (request.provenance() == null || Provenance.parse(request.provenance().kind()).isEmpty()) {
            errors.add(FieldError.field("provenance.kind", "PUBLISHED or MEASURED"));
        }
        if (request.provenance() == null || request.provenance().source() == null || request.provenance().source().isBlank()
                || request.provenance().source().length() > 1000) {
            errors.add(FieldError.field("provenance.source", "the citation (PUBLISHED) or the run (MEASURED)"));
        }
        return errors;
    }
}
