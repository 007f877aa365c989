package dev.inferplan.catalog.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import dev.inferplan.contracts.benchmarks.MeasurementStatus;
import dev.inferplan.contracts.benchmarks.MlperfCompliance;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
    private final Event<ResultRecorded> recorded;
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public BenchmarkResults(AuditLog audit, Event<ResultRecorded> recorded) {
        this.audit = audit;
        this.recorded = recorded;
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
    public record JobLink(long jobId, Integer threads, Double targetQps, Double achievedQps, String configJson,
                          MeasurementStatus status, MlperfCompliance compliance, byte[] latencyHistogram,
                          long histogramCount) {
    }

    /** A stored latency histogram: HdrHistogram's compressed encoding of every query's latency. */
    public record LatencyHistogram(long resultId, String encoding, String unit, long totalCount, byte[] data) {
    }

    static final String HISTOGRAM_ENCODING = "HdrHistogram-compressed";

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
        // a measured point is valid only when VALID; a published one as its citation says
        MeasurementStatus status = link != null ? link.status()
                : request.valid() == null || request.valid() ? MeasurementStatus.VALID : MeasurementStatus.INVALID;
        boolean valid = status.valid() && (request.valid() == null || request.valid());
        Instant now = clock.instant();
        Connection connection = entityManager.unwrap(Connection.class);
        long id = Rows.insert(connection, "INSERT INTO benchmark_result (model_version_id, pool,"
                        + " scenario, batch_size, concurrency, throughput_per_s, latency_p50_ms, latency_p90_ms,"
                        + " latency_p95_ms, latency_p99_ms, latency_max_ms, queries, duration_seconds, valid, invalid_reason,"
                        + " execution_provider, ort_version, hardware, provenance_kind, provenance_source, created_at,"
                        + " created_by, job_id, intra_op_threads, target_qps, achieved_qps, config, status, mlperf_compliant,"
                        + " mlperf_rule_broken)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                request.modelVersionId(), request.pool(), Scenario.parse(request.scenario()).orElseThrow(),
                request.batchSize(), request.concurrency(), request.throughputPerS(), latency.p50(), latency.p90(),
                latency.p95(), latency.p99(), latency.max(), request.queries() == null ? 0L : request.queries(),
                request.durationSeconds(), valid, valid ? null : request.invalidReason(), request.executionProvider(),
                request.ortVersion(), request.hardware(), Provenance.parse(request.provenance().kind()).orElseThrow(),
                request.provenance().source().strip(), now, actor, link == null ? null : link.jobId(),
                link == null ? null : link.threads(), link == null ? null : link.targetQps(),
                link == null ? null : link.achievedQps(), link == null ? null : link.configJson(), status,
                link == null ? null : link.compliance().compliant(),
                link == null ? null : truncate(link.compliance().ruleBroken(), 1000));
        if (link != null && link.latencyHistogram() != null && link.latencyHistogram().length > 0) {
            Rows.update(connection, "INSERT INTO benchmark_result_histogram (result_id, encoding, unit, total_count, data)"
                    + " VALUES (?, ?, ?, ?, ?)", id, HISTOGRAM_ENCODING, "ns", link.histogramCount(), link.latencyHistogram());
        }
        ResultView created = ResultView.of(entityManager.find(BenchmarkResult.class, id));
        audit.append(new AuditLog.Change(AuditLog.BENCHMARK_RESULT, Long.toString(id), request.modelVersionId(),
                "CREATED", actor, now, null, created));
        recorded.fire(new ResultRecorded(created));
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

    /** A measured point's latency histogram; empty for a published result or one stored without. */
    @Transactional
    public Optional<LatencyHistogram> histogram(long resultId) {
        try (PreparedStatement select = entityManager.unwrap(Connection.class).prepareStatement(
                "SELECT encoding, unit, total_count, data FROM benchmark_result_histogram WHERE result_id = ?")) {
            select.setLong(1, resultId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new LatencyHistogram(resultId, row.getString("encoding"),
                        row.getString("unit"), row.getLong("total_count"), row.getBytes("data"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new Rows.DataAccessException(e);
        }
    }

    /**
     * The results that count for the benchmark gate: VALID, and MLPerf-compliant when measured
     * ({@link ResultView#countsAsValid()}, the one definition the model card uses too).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long countForGate(long modelVersionId) {
        return find(Optional.of(modelVersionId), Optional.empty()).stream().filter(ResultView::countsAsValid).count();
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
        atMost(errors, "invalidReason", request.invalidReason(), 1000);
        atMost(errors, "executionProvider", request.executionProvider(), 32);
        atMost(errors, "ortVersion", request.ortVersion(), 32);
        atMost(errors, "hardware", request.hardware(), 1000);
        if (request.provenance() == null || Provenance.parse(request.provenance().kind()).isEmpty()) {
            errors.add(FieldError.field("provenance.kind", "PUBLISHED or MEASURED"));
        }
        if (request.provenance() == null || request.provenance().source() == null || request.provenance().source().isBlank()
                || request.provenance().source().length() > 1000) {
            errors.add(FieldError.field("provenance.source", "the citation (PUBLISHED) or the run (MEASURED)"));
        }
        return errors;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    private static void atMost(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(FieldError.field(field, "at most " + max + " characters"));
        }
    }
}
