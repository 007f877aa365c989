package dev.inferplan.catalog.hardening;

import java.util.List;

import dev.inferplan.catalog.CatalogClient;
import dev.inferplan.platform.problem.Problem;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.CatalogClient.fields;
import static dev.inferplan.catalog.CatalogClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 11 §4 on the catalog's real endpoints: numbers that do not fit their field, fractions for
 * integers, strings for booleans, duplicate keys and content after the document are refused with a
 * 400 problem naming the field (or the position), and nothing is stored. Before the strict reader,
 * {@code batchSizes: [4294967297]} was stored as [1], {@code durationSeconds: -4294967291} as 5,
 * {@code cpuCores: 4294967298} as 2 and {@code queries: 1e309} as 0. A query parameter of the wrong type
 * is a 400 naming it (JAX-RS answered 404, as if the resource did not exist).
 */
@HelidonTest
class StrictInputIT {

    @Inject
    private WebTarget target;

    private CatalogClient api;
    private long version;

    @BeforeEach
    void aVersionAndAPool() {
        api = new CatalogClient(target);
        version = api.version(api.family(unique("strict"), "image-classification"), unique("v"));
        try (Response pool = api.put("ada", "admin", "/api/benchmarks/pools/strict-pool",
                "{\"instanceTypes\": [\"aws/c7i.xlarge\"], \"accelerator\": \"cpu\", \"acceleratorCount\": 0, \"cpuCores\": 4}")) {
            assertEquals(200, pool.getStatus(), () -> pool.readEntity(String.class));
        }
    }

    private String job(String sweep, String durationSeconds) {
        return """
                {"modelVersionId": %d, "pool": "strict-pool", "scenario": "OFFLINE", "sweep": %s, "durationSeconds": %s}
                """.formatted(version, sweep, durationSeconds);
    }

    @Test
    void aBatchSizeBeyondAnIntIsRefusedNamingItsPath() {
        long jobs = jobCount();
        JsonObject problem = refused(api.post("tina", "team", "/api/benchmarks/jobs",
                job("{\"batchSizes\": [1, 4294967297], \"concurrencies\": [1], \"threads\": [0]}", "10")));
        assertEquals(List.of("sweep.batchSizes[1]"), fields(problem));
        assertEquals(jobs, jobCount());
    }

    @Test
    void aNegativeDurationBeyondAnIntIsRefused() {
        long jobs = jobCount();
        JsonObject problem = refused(api.post("tina", "team", "/api/benchmarks/jobs",
                job("{\"batchSizes\": [1], \"concurrencies\": [1], \"threads\": [0]}", "-4294967291")));
        assertEquals(List.of("durationSeconds"), fields(problem));
        assertEquals(jobs, jobCount());
    }

    @Test
    void aFractionalDurationIsRefused() {
        JsonObject problem = refused(api.post("tina", "team", "/api/benchmarks/jobs",
                job("{\"batchSizes\": [1], \"concurrencies\": [1], \"threads\": [0]}", "10.5")));
        assertEquals("must be a whole number, not a fraction",
                problem.getJsonArray("errors").getJsonObject(0).getString("reason"));
    }

    @Test
    void cpuCoresBeyondAnIntAreRefusedAndThePoolIsNotStored() {
        JsonObject problem = refused(api.put("ada", "admin", "/api/benchmarks/pools/wrapped-pool",
                "{\"instanceTypes\": [\"aws/c7i.xlarge\"], \"accelerator\": \"cpu\", \"acceleratorCount\": 0, \"cpuCores\": 4294967298}"));
        assertEquals(List.of("cpuCores"), fields(problem));
        try (Response pool = api.as("vera", "viewer", "/api/benchmarks/pools/wrapped-pool").get()) {
            assertEquals(404, pool.getStatus());
        }
    }

    @Test
    void queriesOfOneE309AreRefused() {
        JsonObject problem = refused(api.post("rita", "reviewer", "/api/benchmarks/results", """
                {"modelVersionId": %d, "pool": "strict-pool", "scenario": "OFFLINE", "batchSize": 1, "concurrency": 1,
                 "throughputPerS": 10.0, "latencyMs": {"p50": 1.0, "p90": 1.0, "p95": 1.0, "p99": 1.0, "max": 1.0},
                 "queries": 1e309, "durationSeconds": 60, "valid": true, "executionProvider": "CPU",
                 "ortVersion": "1.20.0", "hardware": "x86",
                 "provenance": {"kind": "PUBLISHED", "source": "a sheet"},
                 "citation": {"document": "a sheet", "table": "table 1"}}
                """.formatted(version)));
        assertEquals(List.of("queries"), fields(problem));
        try (Response results = api.as("vera", "viewer", "/api/benchmarks/results?modelVersion=" + version).get()) {
            assertEquals(0, results.readEntity(jakarta.json.JsonArray.class).size());
        }
    }

    @Test
    void aStringForABooleanIsRefused() {
        JsonObject problem = refused(api.post("tina", "team", "/api/catalog/versions/" + version + "/metrics", """
                {"name": "top1", "value": 81.2, "dataset": "imagenet-1k", "split": "validation", "higherIsBetter": "true",
                 "provenance": {"kind": "PUBLISHED", "source": "a paper"}}
                """));
        assertEquals(List.of("higherIsBetter"), fields(problem));
        assertEquals(0, api.get("/api/catalog/versions/" + version).getJsonArray("metrics").size());
    }

    @Test
    void duplicateKeysAreRefusedAtTheirPosition() {
        long jobs = jobCount();
        JsonObject problem = refused(api.post("tina", "team", "/api/benchmarks/jobs", job(
                "{\"batchSizes\": [1], \"batchSizes\": [64], \"concurrencies\": [1], \"threads\": [0]}", "10")));
        JsonObject at = problem.getJsonArray("errors").getJsonObject(0);
        assertEquals("duplicate key 'batchSizes'", at.getString("reason"));
        assertEquals(1, at.getInt("line"));
        assertEquals(jobs, jobCount());
    }

    @Test
    void contentAfterTheDocumentIsRefused() {
        long jobs = jobCount();
        JsonObject problem = refused(api.post("tina", "team", "/api/benchmarks/jobs",
                job("{\"batchSizes\": [1], \"concurrencies\": [1], \"threads\": [0]}", "10") + "{\"durationSeconds\": 1}"));
        assertEquals("content after the end of the JSON document",
                problem.getJsonArray("errors").getJsonObject(0).getString("reason"));
        assertEquals(jobs, jobCount());
    }

    @Test
    void aWellFormedJobIsStillQueued() {
        long jobs = jobCount();
        api.created("tina", "team", "/api/benchmarks/jobs",
                job("{\"batchSizes\": [1, 2.0], \"concurrencies\": [1], \"threads\": [0]}", "1e1"));
        assertEquals(jobs + 1, jobCount());
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsA400NamingIt() {
        try (Response response = api.as("vera", "viewer", "/api/benchmarks/jobs?modelVersion=zqx").get()) {
            assertEquals(List.of("modelVersion"), fields(refused(response)));
        }
    }

    /** Found by CatalogFuzzIT: Helidon threw a NumberFormatException out of the body stream, which was a 500. */
    @Test
    void aMalformedChunkedBodyIsA400() {
        for (String chunked : List.of("-1\r\n\r\n", "zz\r\n{}\r\n0\r\n\r\n")) {
            dev.inferplan.platform.testing.RawHttp.Answer answer = new dev.inferplan.platform.testing.RawHttp(target.getUri())
                    .send("POST", "/api/benchmarks/jobs", java.util.Map.of("Transfer-Encoding", "chunked",
                            "Content-Type", "application/json", "Authorization", "Bearer "
                                    + dev.inferplan.platform.testing.TestTokens.token("tina", "team")),
                            chunked.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(400, answer.status(), answer::toString);
            assertEquals(Problem.MEDIA_TYPE, answer.contentType());
        }
    }

    private long jobCount() {
        return api.get("/api/benchmarks/jobs?size=1").getJsonNumber("total").longValue();
    }

    private static JsonObject refused(Response response) {
        try (response) {
            String body = response.readEntity(String.class);
            assertEquals(400, response.getStatus(), body);
            assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
            return jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject();
        }
    }
}
