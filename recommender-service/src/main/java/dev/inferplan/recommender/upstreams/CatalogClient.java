package dev.inferplan.recommender.upstreams;

import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.inferplan.contracts.grpc.catalog.BenchmarkEvidence;
import dev.inferplan.contracts.grpc.catalog.CatalogServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.GetCatalogPositionRequest;
import dev.inferplan.contracts.grpc.catalog.ListTasksRequest;
import dev.inferplan.contracts.grpc.catalog.StreamBenchmarkEvidenceRequest;
import dev.inferplan.contracts.grpc.catalog.StreamModelVersionsRequest;
import dev.inferplan.contracts.grpc.catalog.Task;
import dev.inferplan.platform.grpc.BearerTokenCallCredentials;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.recommender.snapshots.CatalogSnapshot;
import dev.inferplan.recommender.snapshots.Evidence;
import dev.inferplan.recommender.snapshots.ModelVersion;
import dev.inferplan.recommender.snapshots.QualityMetric;

import dev.inferplan.recommender.plans.PointDetails;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The recommender's one client of catalog-service (gRPC). Every call carries the token it is given
 * (the REST caller's: the catalog authorizes the user, not the recommender) and a gRPC deadline;
 * around each, MicroProfile Fault Tolerance: a timeout, one retry, a circuit breaker so a failing
 * catalog is not queued behind, and a fallback that answers "unavailable" (empty) so the snapshot
 * store keeps its last good snapshot. The values are in microprofile-config.properties
 * ({@code <class>/<method>/<Annotation>/<property>}).
 */
@ApplicationScoped
public class CatalogClient {

    private static final Logger LOGGER = Logger.getLogger(CatalogClient.class.getName());
    /** Every status a version can have: the snapshot holds them all, the request picks. */
    private static final List<String> STATUSES = List.of("PROPOSED", "IN_REVIEW", "APPROVED", "REJECTED", "DEPRECATED");

    private final CatalogServiceGrpc.CatalogServiceBlockingStub stub;
    private final long timeoutMs;
    private final long loadTimeoutMs;
    private final URI uri;
    private final ServiceChannel channel;
    /** The catalog's REST API (same port as its gRPC): what the evidence stream does not carry. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Inject
    public CatalogClient(@ConfigProperty(name = "catalog.grpc.uri") URI uri,
                         @ConfigProperty(name = "catalog.client.timeout-ms") long timeoutMs,
                         @ConfigProperty(name = "catalog.client.load-timeout-ms") long loadTimeoutMs) {
        this.uri = uri;
        this.timeoutMs = timeoutMs;
        this.loadTimeoutMs = loadTimeoutMs;
        // no token of its own: each call adds the one it is given
        this.channel = ServiceChannel.open(uri, () -> null);
        this.stub = CatalogServiceGrpc.newBlockingStub(channel.channel());
    }

    @PreDestroy
    void close() {
        channel.close();
    }

    public URI uri() {
        return uri;
    }

    private CatalogServiceGrpc.CatalogServiceBlockingStub as(String token, long deadlineMs) {
        return stub.withInterceptors(new BearerTokenCallCredentials(() -> token))
                .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS);
    }

    /** The task vocabulary, for the upstream check (failures are the check's answer, so no fallback). */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    public List<String> taskNames(String token) {
        return as(token, timeoutMs).listTasks(ListTasksRequest.getDefaultInstance())
                .getTasksList().stream()
                .map(Task::getName)
                .toList();
    }

    /**
     * The catalog's audit position; {@code OptionalLong.empty()} when this catalog cannot tell (it
     * does not serve GetCatalogPosition); empty Optional when unreachable.
     */
    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    @Fallback(fallbackMethod = "positionUnavailable")
    public Optional<OptionalLong> position(String token) {
        try {
            return Optional.of(OptionalLong.of(as(token, timeoutMs)
                    .getCatalogPosition(GetCatalogPositionRequest.getDefaultInstance()).getAuditPosition()));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return Optional.of(OptionalLong.empty());
            }
            throw e;
        }
    }

    Optional<OptionalLong> positionUnavailable(String token) {
        LOGGER.log(Level.WARNING, "catalog position unavailable (after timeout, retry or open circuit)");
        return Optional.empty();
    }

    /** Every model version (all statuses) with its metrics, and all benchmark evidence; empty when unreachable. */
    @Timeout(60000)
    @Retry(maxRetries = 1, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    @Fallback(fallbackMethod = "loadUnavailable")
    public Optional<CatalogSnapshot> load(String token, long position) {
        CatalogServiceGrpc.CatalogServiceBlockingStub call = as(token, loadTimeoutMs);
        List<String> tasks = call.listTasks(ListTasksRequest.getDefaultInstance()).getTasksList().stream()
                .map(Task::getName).toList();
        List<ModelVersion> versions = new ArrayList<>();
        call.streamModelVersions(StreamModelVersionsRequest.newBuilder().addAllStatuses(STATUSES).build())
                .forEachRemaining(v -> versions.add(toVersion(v)));
        List<Evidence> evidence = new ArrayList<>();
        call.streamBenchmarkEvidence(StreamBenchmarkEvidenceRequest.getDefaultInstance())
                .forEachRemaining(e -> evidence.add(toEvidence(e)));
        return Optional.of(new CatalogSnapshot(position, tasks, versions, evidence, Instant.now()));
    }

    Optional<CatalogSnapshot> loadUnavailable(String token, long position) {
        LOGGER.log(Level.WARNING, "catalog snapshot unavailable (after timeout, retry or open circuit)");
        return Optional.empty();
    }

    private static ModelVersion toVersion(dev.inferplan.contracts.grpc.catalog.ModelVersion v) {
        List<QualityMetric> metrics = v.getMetricsList().stream()
                .map(m -> new QualityMetric(m.getName(), new BigDecimal(m.getValue()), m.getDataset(),
                        m.getHigherIsBetter(), m.getProvenance().getKind().name()))
                .toList();
        String servedModel = "hosted".equals(v.getArtifact().getFormat()) && !v.getArtifact().getServedModel().isEmpty()
                ? v.getArtifact().getServedModel() : null;
        return new ModelVersion(v.getId(), v.getFamilyName(), v.getLabel(), v.getTask(), v.getStatus(),
                v.getTier().isEmpty() ? null : v.getTier(), metrics, servedModel);
    }

    private static Evidence toEvidence(BenchmarkEvidence e) {
        return new Evidence(e.getId(), e.getModelVersionId(), e.getPool(), e.getAccelerator(), e.getAcceleratorCount(),
                e.getScenario(), e.getBatchSize(), e.getConcurrency(), e.getThroughputPerS(),
                new Evidence.Latencies(e.getLatencyMs().getP50(), e.getLatencyMs().getP90(), e.getLatencyMs().getP95(),
                        e.getLatencyMs().getP99()),
                e.getValid(), e.getExecutionProvider(), e.getProvenance().getKind().name(),
                e.getProvenance().getSource(), e.getInstanceTypesList());
    }

    /**
     * A measured result's latency histogram (HdrHistogram's compressed encoding) from the catalog's REST
     * {@code GET /api/benchmarks/results/{id}/histogram}: StreamBenchmarkEvidence does not carry it.
     * Empty when the result has none (published) or the catalog cannot be reached.
     */
    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 100, abortOn = IllegalStateException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    @Fallback(fallbackMethod = "histogramUnavailable")
    public Optional<byte[]> latencyHistogram(String token, long resultId) throws java.io.IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(get(token, "/api/benchmarks/results/" + resultId + "/histogram")
                .header("Accept", "application/octet-stream").build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("catalog histogram of result " + resultId + ": HTTP " + response.statusCode());
        }
        return Optional.of(response.body());
    }

    Optional<byte[]> histogramUnavailable(String token, long resultId) {
        LOGGER.log(Level.WARNING, "latency histogram of result {0} unavailable", resultId);
        return Optional.empty();
    }

    /**
     * Each measured result of a model version with its stability windows, from the catalog's REST
     * {@code GET /api/benchmarks/results?modelVersion=} (the windows are in each result's {@code config});
     * empty when unreachable.
     */
    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 100, abortOn = IllegalStateException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    @Fallback(fallbackMethod = "windowsUnavailable")
    public Map<Long, List<PointDetails.Window>> windows(String token, long modelVersionId)
            throws java.io.IOException, InterruptedException {
        HttpResponse<String> response = http.send(get(token, "/api/benchmarks/results?modelVersion=" + modelVersionId)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("catalog results of version " + modelVersionId + ": HTTP "
                    + response.statusCode());
        }
        Map<Long, List<PointDetails.Window>> windows = new HashMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            for (JsonObject result : reader.readArray().getValuesAs(JsonObject.class)) {
                JsonValue config = result.get("config");
                if (config == null || config.getValueType() != JsonValue.ValueType.OBJECT
                        || !(((JsonObject) config).get("windows") instanceof JsonArray array)) {
                    continue;
                }
                windows.put(result.getJsonNumber("id").longValue(), array.getValuesAs(JsonObject.class).stream()
                        .map(w -> new PointDetails.Window(w.getJsonNumber("throughputPerS").doubleValue(),
                                w.containsKey("p99Ms") ? w.getJsonNumber("p99Ms").doubleValue() : 0))
                        .toList());
            }
        }
        return windows;
    }

    Map<Long, List<PointDetails.Window>> windowsUnavailable(String token, long modelVersionId) {
        LOGGER.log(Level.WARNING, "measurement windows of version {0} unavailable", modelVersionId);
        return Map.of();
    }

    private HttpRequest.Builder get(String token, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofMillis(timeoutMs)).GET();
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }
}
