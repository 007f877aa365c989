package dev.inferplan.catalog.jobs;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.benchmarks.HardwarePool;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.catalog.versions.ArtifactRules;
import dev.inferplan.catalog.versions.ModelVersion;
import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The benchmark job queue as teams see it: submit a job for a model version on a pool, read it,
 * list jobs, cancel one. Runners take jobs through {@link JobLeasing}.
 */
@ApplicationScoped
public class BenchmarkJobs {

    static final String AUDIT_TYPE = "benchmark-job";
    static final int MAX_BATCH = 1024;
    static final int MAX_CONCURRENCY = 1024;
    static final int MAX_THREADS = 256;
    static final int MAX_POINTS = 256;
    /** benchmark_job.batch_sizes, concurrencies and threads are VARCHAR(1000), comma-separated. */
    static final int MAX_LIST_CHARACTERS = 1000;
    /** contracts' ExecutionProvider: TENSORRT, CUDA, CPU. */
    static final List<String> PROVIDERS = Arrays.stream(ExecutionProvider.values()).map(Enum::name).toList();

    private final AuditLog audit;
    private final ArtifactRules artifactRules;
    private final int defaultMaxAttempts;
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public BenchmarkJobs(AuditLog audit, ArtifactRules artifactRules,
                         @ConfigProperty(name = "catalog.jobs.max-attempts", defaultValue = "3") int defaultMaxAttempts) {
        this.audit = audit;
        this.artifactRules = artifactRules;
        this.defaultMaxAttempts = defaultMaxAttempts;
    }

    /** What to measure: batch sizes × concurrencies × intra-op threads (0: the runtime's default). */
    public record Sweep(List<Integer> batchSizes, List<Integer> concurrencies, List<Integer> threads,
                        Integer sequenceLength) {
    }

    /**
     * A job to submit. Optional: targetQps and latencyBoundMs (Server needs one), executionProviders
     * (CPU), allowFallback (true), minQueries/windowSeconds/warmupSeconds (the standard rules), maxAttempts,
     * providerOptions (ONNX Runtime's defaults).
     */
    public record Submission(Long modelVersionId, String pool, String scenario, Sweep sweep, Integer durationSeconds,
                             Double targetQps, Double latencyBoundMs, List<String> executionProviders,
                             Boolean allowFallback, Long minQueries, Double windowSeconds, Double warmupSeconds,
                             Integer maxAttempts, ProviderOptions providerOptions, String kind, String search) {

        /**
         * A fidelity job runs no scenario: it stands as OFFLINE, batch 1, one stream, 1 s, keeping the
         * threads and sequence length asked for (the latter shapes synthetic inputs).
         */
        Submission normalized() {
            if (!FIDELITY.equals(kind)) {
                return this;
            }
            Sweep asked = sweep == null ? new Sweep(null, null, null, null) : sweep;
            return new Submission(modelVersionId, pool, scenario == null ? "OFFLINE" : scenario,
                    new Sweep(List.of(1), List.of(1), asked.threads(), asked.sequenceLength()),
                    durationSeconds == null ? 1 : durationSeconds, null, null, executionProviders, allowFallback, null,
                    null, null, maxAttempts, providerOptions, kind, null);
        }
    }

    static final String BENCHMARK = "BENCHMARK";
    static final String FIDELITY = "FIDELITY";

    /** Filters of the job list, all optional. */
    public record Query(Optional<JobStatus> status, Optional<String> pool, Optional<Long> modelVersionId) {
    }

    public record Page(List<JobView> items, int page, int size, long total) {
    }

    @Transactional
    public JobView submit(Submission asked, String actor) {
        if (asked == null) {
            throw ProblemException.badRequest("A job is required.", FieldError.field("modelVersionId", "required"));
        }
        Submission request = asked.normalized();
        List<FieldError> impossible = impossible(request);
        if (!impossible.isEmpty()) {
            throw new ProblemException(400, "impossible-job", "Bad request", "The job cannot be run as asked.", impossible);
        }
        List<FieldError> unknown = new ArrayList<>();
        ModelVersion version = entityManager.find(ModelVersion.class, request.modelVersionId());
        if (version == null) {
            unknown.add(FieldError.field("modelVersionId", "no model version " + request.modelVersionId()));
        } else if (version.artifactUri() == null || version.artifactSha256() == null) {
            unknown.add(FieldError.field("modelVersionId", "model version " + request.modelVersionId()
                    + " has no ONNX artifact with a sha256 to benchmark"));
        } else {
            // registered before the rules were, or under looser ones: no runner would read it
            artifactRules.policy().problem(version.artifactUri()).ifPresent(rule -> unknown.add(FieldError.field(
                    "modelVersionId", "model version " + request.modelVersionId() + "'s artifact URI breaks the artifact"
                            + " rules: " + rule)));
        }
        ModelVersion parent = null;
        if (FIDELITY.equals(request.kind()) && version != null) {
            parent = version.parentVersionId() == null ? null : entityManager.find(ModelVersion.class, version.parentVersionId());
            if (parent == null) {
                unknown.add(FieldError.field("kind", "FIDELITY compares a derived version with its parent; model version "
                        + version.id() + " has no lineage parent"));
            } else if (parent.artifactUri() == null || parent.artifactSha256() == null
                    || artifactRules.policy().problem(parent.artifactUri()).isPresent()) {
                unknown.add(FieldError.field("kind", "the parent version " + parent.id() + " has no ONNX artifact with a"
                        + " sha256 a runner may read"));
            } else if (FidelityKind.of(version.task()).isEmpty()) {
                unknown.add(FieldError.field("kind", "fidelity is measured for embeddings and classifiers, not for task '"
                        + version.task() + "'"));
            }
        }
        if (entityManager.find(HardwarePool.class, request.pool()) == null) {
            unknown.add(FieldError.field("pool", "no hardware pool '" + request.pool() + "' (GET /api/benchmarks/pools)"));
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("The job names something the catalog does not have.", unknown);
        }
        Sweep sweep = request.sweep();
        Instant now = clock.instant();
        long id = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO benchmark_job (model_version_id, pool,"
                        + " scenario, batch_sizes, concurrencies, threads, sequence_length, duration_seconds, target_qps,"
                        + " latency_bound_ms, execution_providers, allow_fallback, min_queries, window_seconds, warmup_seconds,"
                        + " status, attempts, max_attempts, submitted_at, submitted_by, updated_at, version, provider_options,"
                        + " kind, reference_model_version_id, search)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                request.modelVersionId(), request.pool(), Scenario.parse(request.scenario()).orElseThrow(),
                join(sweep.batchSizes()), join(orDefault(sweep.concurrencies(), List.of(1))),
                join(orDefault(sweep.threads(), List.of(0))),
                sweep.sequenceLength() == null ? 128 : sweep.sequenceLength(), request.durationSeconds(),
                request.targetQps(), request.latencyBoundMs(), providers(request).stream().map(Enum::name).collect(Collectors.joining(",")),
                request.allowFallback() == null || request.allowFallback(), request.minQueries(), request.windowSeconds(),
                request.warmupSeconds(), JobStatus.QUEUED,
                request.maxAttempts() == null ? defaultMaxAttempts : request.maxAttempts(), now, actor, now,
                request.providerOptions() == null ? null : request.providerOptions().toJson(),
                request.kind() == null ? BENCHMARK : request.kind(), parent == null ? null : parent.id(),
                request.search() == null ? "GRID" : request.search());
        JobView created = view(id).orElseThrow();
        audit.append(new AuditLog.Change(AUDIT_TYPE, Long.toString(id), created.modelVersionId(), "SUBMITTED", actor, now,
                null, created));
        return created;
    }

    @Transactional
    public Optional<JobView> byId(long id) {
        return view(id);
    }

    @Transactional
    public Page list(Query query, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        query.status().ifPresent(s -> {
            where.append(" AND j.status = :status");
            parameters.put("status", s.name());
        });
        query.pool().ifPresent(p -> {
            where.append(" AND j.pool = :pool");
            parameters.put("pool", p);
        });
        query.modelVersionId().ifPresent(v -> {
            where.append(" AND j.modelVersionId = :version");
            parameters.put("version", v);
        });
        TypedQuery<BenchmarkJob> select = entityManager.createQuery(
                "SELECT j FROM BenchmarkJob j" + where + " ORDER BY j.id DESC", BenchmarkJob.class);
        TypedQuery<Long> count = entityManager.createQuery("SELECT COUNT(j) FROM BenchmarkJob j" + where, Long.class);
        parameters.forEach((name, value) -> {
            select.setParameter(name, value);
            count.setParameter(name, value);
        });
        List<BenchmarkJob> jobs = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        Map<Long, List<Long>> results = resultIds(entityManager, jobs.stream().map(BenchmarkJob::id).toList());
        return new Page(jobs.stream().map(j -> JobView.of(j, results.getOrDefault(j.id(), List.of()))).toList(),
                page, size, count.getSingleResult());
    }

    /** Cancels a job that has not finished; a runner holding it is told to stop at its next heartbeat. */
    @Transactional
    public JobView cancel(long id, String actor) {
        Connection connection = entityManager.unwrap(Connection.class);
        LockedJob job = LockedJob.lock(connection, id).orElseThrow(() -> ProblemException.notFound("Benchmark job " + id));
        if (job.status().finished()) {
            throw ProblemException.conflict("job-finished", "Job " + id + " is already " + job.status() + ".",
                    view(id).orElseThrow());
        }
        Instant now = clock.instant();
        Rows.update(connection, "UPDATE benchmark_job SET status = ?, finished_at = ?, eta_seconds = NULL, updated_at = ?,"
                + " version = version + 1 WHERE id = ?", JobStatus.CANCELLED, now, now, id);
        JobView after = view(id).orElseThrow();
        audit.append(new AuditLog.Change(AUDIT_TYPE, Long.toString(id), job.modelVersionId(), "CANCELLED", actor, now,
                job.state(), after));
        return after;
    }

    /**
     * The job as the API shows it, read after any change made in this transaction. State changes
     * are JDBC updates that EclipseLink does not see, so the entity is refreshed: a job already in
     * the persistence context would otherwise show its state from before the change. The service's
     * one shared entity manager (docs/decisions/0008) reads on the transaction's connection.
     */
    static Optional<JobView> view(EntityManager entityManager, long id) {
        BenchmarkJob job = entityManager.find(BenchmarkJob.class, id);
        if (job == null) {
            return Optional.empty();
        }
        entityManager.refresh(job);
        return Optional.of(JobView.of(job, resultIds(entityManager, List.of(id)).getOrDefault(id, List.of())));
    }

    private Optional<JobView> view(long id) {
        return view(entityManager, id);
    }

    private static Map<Long, List<Long>> resultIds(EntityManager entityManager, List<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        return entityManager.createQuery("SELECT r.jobId, r.id FROM BenchmarkResult r WHERE r.jobId IN :jobs ORDER BY r.id",
                        Object[].class)
                .setParameter("jobs", jobIds).getResultStream()
                .collect(Collectors.groupingBy(row -> (Long) row[0], LinkedHashMap::new,
                        Collectors.mapping(row -> (Long) row[1], Collectors.toList())));
    }

    /** Everything that makes the job impossible to run as asked, each naming its field (400). */
    static List<FieldError> impossible(Submission request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.modelVersionId() == null) {
            errors.add(FieldError.field("modelVersionId", "required"));
        }
        if (request.pool() == null || request.pool().isBlank()) {
            errors.add(FieldError.field("pool", "required"));
        }
        if (request.kind() != null && !BENCHMARK.equals(request.kind()) && !FIDELITY.equals(request.kind())) {
            errors.add(FieldError.field("kind", "BENCHMARK (the default) or FIDELITY"));
        }
        if (request.search() != null && !List.of("GRID", "QUICK").contains(request.search())) {
            errors.add(FieldError.field("search", "GRID (every point, the default) or QUICK (hill climbing)"));
        }
        Optional<Scenario> scenario = Scenario.parse(request.scenario());
        if (scenario.isEmpty()) {
            errors.add(FieldError.field("scenario", "one of " + List.of(Scenario.values())));
        }
        Sweep sweep = request.sweep();
        if (sweep == null) {
            errors.add(FieldError.field("sweep", "required: {batchSizes, concurrencies, threads, sequenceLength}"));
        } else {
            List<Integer> batches = sweep.batchSizes() == null ? List.of() : sweep.batchSizes();
            if (batches.isEmpty()) {
                errors.add(FieldError.field("sweep.batchSizes", "at least one batch size"));
            } else if (batches.stream().anyMatch(b -> b == null || b < 1 || b > MAX_BATCH)) {
                errors.add(FieldError.field("sweep.batchSizes", "each from 1 to " + MAX_BATCH));
            }
            List<Integer> streams = orDefault(sweep.concurrencies(), List.of(1));
            if (streams.isEmpty()) {
                errors.add(FieldError.field("sweep.concurrencies", "at least one concurrency (or leave it out: [1])"));
            } else if (streams.stream().anyMatch(c -> c == null || c < 1 || c > MAX_CONCURRENCY)) {
                errors.add(FieldError.field("sweep.concurrencies", "each from 1 to " + MAX_CONCURRENCY));
            }
            List<Integer> threads = orDefault(sweep.threads(), List.of(0));
            if (threads.isEmpty()) {
                errors.add(FieldError.field("sweep.threads", "at least one thread count (or leave it out: [0], the runtime's default)"));
            } else if (threads.stream().anyMatch(t -> t == null || t < 0 || t > MAX_THREADS)) {
                errors.add(FieldError.field("sweep.threads", "each from 0 (the runtime's default) to " + MAX_THREADS));
            }
            if (sweep.sequenceLength() != null && (sweep.sequenceLength() < 1 || sweep.sequenceLength() > 65_536)) {
                errors.add(FieldError.field("sweep.sequenceLength", "from 1 to 65536"));
            }
            listed(errors, "sweep.batchSizes", batches);
            listed(errors, "sweep.concurrencies", streams);
            listed(errors, "sweep.threads", threads);
            if ((long) batches.size() * streams.size() * threads.size() > MAX_POINTS) {
                errors.add(FieldError.field("sweep", "at most " + MAX_POINTS + " points (batch sizes × concurrencies × threads)"));
            }
            if (scenario.orElse(null) == Scenario.SINGLE_STREAM && (!batches.equals(List.of(1)) || !streams.equals(List.of(1)))) {
                errors.add(FieldError.field("sweep.batchSizes", "SINGLE_STREAM issues one sample from one stream:"
                        + " batch sizes and concurrencies must be [1]"));
            }
            if (scenario.orElse(null) == Scenario.MULTI_STREAM && !streams.equals(List.of(1))) {
                errors.add(FieldError.field("sweep.concurrencies", "MULTI_STREAM is one stream: concurrencies must be [1]"));
            }
        }
        if (request.durationSeconds() == null || request.durationSeconds() < 1 || request.durationSeconds() > 86_400) {
            errors.add(FieldError.field("durationSeconds", "from 1 to 86400 seconds"));
        }
        if (request.targetQps() != null && !(request.targetQps() > 0 && request.targetQps() < 1e9)) {
            errors.add(FieldError.field("targetQps", "a positive number of queries per second"));
        }
        if (request.latencyBoundMs() != null && !(request.latencyBoundMs() > 0 && request.latencyBoundMs() < 1e9)) {
            errors.add(FieldError.field("latencyBoundMs", "a positive number of milliseconds"));
        }
        if (scenario.orElse(null) == Scenario.SERVER && request.targetQps() == null && request.latencyBoundMs() == null) {
            errors.add(FieldError.field("targetQps", "SERVER needs a target QPS (or a latencyBoundMs to search the"
                    + " highest QPS under it)"));
        }
        if (request.executionProviders() != null && (request.executionProviders().isEmpty()
                || request.executionProviders().stream().anyMatch(p -> p == null
                || !PROVIDERS.contains(p.strip().toUpperCase(Locale.ROOT))))) {
            errors.add(FieldError.field("executionProviders", "one or more of " + PROVIDERS));
        }
        if (request.minQueries() != null && request.minQueries() < 1) {
            errors.add(FieldError.field("minQueries", "at least 1"));
        }
        if (request.windowSeconds() != null && !(request.windowSeconds() > 0 && request.windowSeconds() <= 3600)) {
            errors.add(FieldError.field("windowSeconds", "above 0, at most 3600"));
        }
        if (request.warmupSeconds() != null && !(request.warmupSeconds() >= 0 && request.warmupSeconds() <= 3600)) {
            errors.add(FieldError.field("warmupSeconds", "from 0 to 3600"));
        }
        if (request.providerOptions() != null && errors.stream().noneMatch(e -> e.field().equals("executionProviders"))) {
            errors.addAll(request.providerOptions().problems(providers(request)));
        }
        if (request.maxAttempts() != null && (request.maxAttempts() < 1 || request.maxAttempts() > 20)) {
            errors.add(FieldError.field("maxAttempts", "from 1 to 20"));
        }
        return errors;
    }

    /** Each value once (a repeated one is the same point again), and the list fits its column written out. */
    private static void listed(List<FieldError> errors, String field, List<Integer> values) {
        if (values.stream().anyMatch(Objects::isNull)) {
            return;
        }
        if (values.stream().distinct().count() < values.size()) {
            errors.add(FieldError.field(field, "each value once"));
        } else if (join(values).length() > MAX_LIST_CHARACTERS) {
            errors.add(FieldError.field(field, "too many values: at most " + MAX_LIST_CHARACTERS
                    + " characters written comma-separated"));
        }
    }

    /** The providers asked for, in the order asked, each once; CPU when none are named. Call only once they are valid. */
    private static List<ExecutionProvider> providers(Submission request) {
        return request.executionProviders() == null ? List.of(ExecutionProvider.CPU)
                : request.executionProviders().stream().map(ExecutionProvider::parse).distinct().toList();
    }

    private static <T> List<T> orDefault(List<T> value, List<T> otherwise) {
        return value == null ? otherwise : value;
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
